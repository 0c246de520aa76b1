// The handling of a letter's further contents: each content after the first (a denunciation in a
// letter of complaint...) is decided on its own, with the deadline step and the notices of its own
// kind (issue 8, migration 0014-content-decisions). The first content's handling is the panel's
// main flow; here each further content shows its decision, or the form to make it, its reply
// while forwarded, and the reversal of its latest step.
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { PetitionDetail } from '../../../../shared/api/contract.ts';
import { PETITION_KIND_LABELS, type PetitionKind } from '../../../../shared/domain/petition.ts';
import { DECISION_ACTION_LABELS, type Classification, type DecisionAction, type Workflow } from '../../../../shared/domain/workflow.ts';
import { formatIsoDate } from '../petitions/format.ts';
import { activeOf, STEP_LABELS, type WorkflowData } from './data.ts';
import { DecideForm } from './DecideForm.tsx';
import { ReplyForm } from './ReplyForms.tsx';
import { ReverseModal } from './ReverseModal.tsx';

interface Props {
  detail: PetitionDetail;
  data: WorkflowData;
  classification: Classification | null;
  /** The officer may handle (decide, reply, reverse). */
  mayHandle: boolean;
  onSaved(next: Workflow, text: string): void;
}

export function ContentDecisions({ detail, data, classification, mayHandle, onSaved }: Props) {
  const { petition: p, workflow: w } = detail;
  const [reversing, setReversing] = useState<{ contentId: number; what: 'decision' | 'reply'; position: number } | null>(null);
  const further = detail.contents.filter((c) => c.position > 0);
  if (further.length === 0) return null;

  return (
    <section aria-label="Xử lý từng nội dung">
      <Title order={5} mt="md" mb="xs">Xử lý từng nội dung</Title>
      <Text size="sm" c="dimmed" mb="xs">
        Mỗi nội dung của đơn được quyết định riêng, với thời hạn và thông báo theo loại của nội dung đó. Nội dung 1 được xử lý ở trên.
      </Text>
      <Stack gap="sm">
        {further.map((c) => {
          const n = c.position + 1;
          const decision = activeOf(w.decisions.filter((d) => d.contentId === c.id));
          const reply = decision ? (w.replies.find((r) => r.decisionId === decision.id && r.reversed === null) ?? null) : null;
          return (
            <Card key={c.id} withBorder padding="sm" data-testid={`content-${n}`} aria-label={`Nội dung ${n}`} component="section">
              <Group justify="space-between" mb="xs" wrap="nowrap" align="flex-start">
                <div>
                  <Group gap="xs">
                    <Text fw={600} size="sm">Nội dung {n}</Text>
                    <Badge variant="light">{PETITION_KIND_LABELS[c.kind as PetitionKind]}</Badge>
                  </Group>
                  <Text size="sm">{c.summary}</Text>
                </div>
                {decision && mayHandle && (
                  <Button size="xs" variant="subtle" color="red" onClick={() => setReversing({ contentId: c.id, what: reply ? 'reply' : 'decision', position: c.position })}>
                    Hủy {reply ? STEP_LABELS.reply : STEP_LABELS.decision}
                  </Button>
                )}
              </Group>
              {!classification ? (
                <Text size="sm" c="dimmed">Phân loại đơn trước, rồi quyết định xử lý từng nội dung.</Text>
              ) : !decision ? (
                mayHandle ? (
                  <DecideForm
                    petitionId={p.id}
                    contentId={c.id}
                    label={`Quyết định xử lý nội dung ${n}`}
                    eligible={classification.eligible}
                    classifiedOn={classification.decidedOn}
                    data={data}
                    inspectable={c.kind === 'denunciation' && !classification.eligible && classification.reason === 'anonymous'}
                    onSaved={(next: Workflow, action: DecisionAction) => {
                      const made = activeOf(next.decisions.filter((d) => d.contentId === c.id));
                      onSaved(next, `Đã ghi quyết định cho nội dung ${n}: ${DECISION_ACTION_LABELS[action]}${made?.documentNo ? `. Số văn bản: ${made.documentNo}` : ''}.`);
                    }}
                  />
                ) : (
                  <Text size="sm" c="dimmed">Chưa có quyết định xử lý.</Text>
                )
              ) : (
                <Stack gap="xs">
                  <Text size="sm" data-testid={`content-${n}-decision`}>
                    Quyết định: {DECISION_ACTION_LABELS[decision.action]}
                    {decision.agency ? ` — ${decision.agency.name}` : ''}
                    {decision.documentNo ? ` — văn bản số ${decision.documentNo}` : ''} — ngày {formatIsoDate(decision.decidedOn)}
                    {decision.replyDueOn && !reply ? ` — hạn báo cáo kết quả ${formatIsoDate(decision.replyDueOn)}` : ''}
                  </Text>
                  {reply && <Text size="sm">Cơ quan đã báo cáo kết quả ngày {formatIsoDate(reply.receivedOn)}.</Text>}
                  {decision.action === 'forward' && !reply && mayHandle && (
                    <ReplyForm petitionId={p.id} contentId={c.id} forwardedOn={decision.decidedOn} data={data} onSaved={(next) => onSaved(next, `Đã ghi kết quả trả lời của cơ quan cho nội dung ${n}.`)} />
                  )}
                </Stack>
              )}
            </Card>
          );
        })}
      </Stack>
      {reversing && (
        <ReverseModal
          opened
          petitionId={p.id}
          contentId={reversing.contentId}
          what={reversing.what}
          onClose={() => setReversing(null)}
          onSaved={(next) => {
            const r = reversing;
            setReversing(null);
            onSaved(next, `Đã hủy ${STEP_LABELS[r.what]} của nội dung ${r.position + 1}.`);
          }}
        />
      )}
    </section>
  );
}
