// Noto Sans covers Vietnamese fully; only the subsets the UI needs are bundled.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/vietnamese-400.css';
import '@fontsource/noto-sans/latin-500.css';
import '@fontsource/noto-sans/latin-ext-500.css';
import '@fontsource/noto-sans/vietnamese-500.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans/vietnamese-700.css';
import '@mantine/core/styles.css';
import './app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MantineProvider, Select, createTheme } from '@mantine/core';
import { foldedFilter } from './components/intake/util.ts';
import { App } from './App.tsx';
import { SignInGate } from './components/SignInGate.tsx';

const theme = createTheme({
  fontFamily: '"Noto Sans", "Segoe UI", Arial, sans-serif',
  headings: { fontFamily: '"Noto Sans", "Segoe UI", Arial, sans-serif' },
  primaryColor: 'red',
  defaultRadius: 'sm',
  components: {
    // Every drop-down jumps to an option by its typed letters (tone marks ignored: "dat" finds
    // "Đất đai") and Enter picks the first match.
    Select: Select.extend({ defaultProps: { searchable: true, selectFirstOptionOnChange: true, filter: foldedFilter, nothingFoundMessage: 'Không có lựa chọn phù hợp', onFocus: (e) => e.currentTarget.select() } }),
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <SignInGate>
        <App />
      </SignInGate>
    </MantineProvider>
  </StrictMode>,
);
