// Administrative units after 1 July 2025: 34 provinces, communes below them (no districts).

export interface Province {
  code: string;
  name: string;
  fullName: string;
  communeCount: number;
}

export interface Commune {
  code: string;
  name: string;
  fullName: string;
  type: 'ward' | 'commune' | 'special_zone';
}
