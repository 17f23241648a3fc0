import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import './index.scss';

export type DiffView = NonNullable<OutputOf<ActionByName<'board.get'>>['changes']>['diff'];
type DiffLine = DiffView['lines'][number];

/** Unchanged lines kept around a change; longer unchanged runs fold into one line saying how many. */
const CONTEXT = 1;

type Shown = { readonly line: DiffLine; readonly key: number } | { readonly folded: number; readonly key: number };

function fold(lines: readonly DiffLine[]): Shown[] {
  const near = (i: number) => lines.slice(Math.max(0, i - CONTEXT), i + CONTEXT + 1).some((l) => l.op !== 'same');
  const out: Shown[] = [];
  let hidden = 0;
  lines.forEach((line, i) => {
    if (line.op === 'same' && !near(i)) {
      hidden += 1;
      return;
    }
    if (hidden > 0) out.push({ folded: hidden, key: -i });
    hidden = 0;
    out.push({ line, key: i });
  });
  if (hidden > 0) out.push({ folded: hidden, key: -lines.length - 1 });
  return out;
}

const WORD = { same: '', del: '删去', add: '加上' } as const;

/**
 * What a correction changed, so nobody has to compare two texts by eye: removed lines struck
 * through and marked 删去, new lines marked 加上, and inside a changed line the very characters.
 * The words say it, not only the colours.
 */
export default function NoticeDiff({ diff }: { readonly diff: DiffView }) {
  if (diff.added === 0 && diff.removed === 0) {
    return <Text className='xz-muted notice-diff__none'>正文没有改动（可能只改了标题）。</Text>;
  }
  return (
    <View className='notice-diff'>
      <Text className='xz-muted'>
        删去 {diff.removed} 行，加上 {diff.added} 行
      </Text>
      {fold(diff.lines).map((s) =>
        'folded' in s ? (
          <Text key={s.key} className='xz-muted notice-diff__folded'>
            …（中间 {s.folded} 行没改）
          </Text>
        ) : (
          <View key={s.key} className={`notice-diff__line notice-diff__line--${s.line.op}`}>
            {s.line.op !== 'same' ? <Text className='notice-diff__word'>{WORD[s.line.op]}</Text> : null}
            <Text className='notice-diff__text'>
              {s.line.parts
                ? s.line.parts.map((p, i) => (
                    <Text key={i} className={p.op === 'same' ? '' : `notice-diff__part--${p.op}`}>
                      {p.text}
                    </Text>
                  ))
                : s.line.text || ' '}
            </Text>
          </View>
        ),
      )}
    </View>
  );
}
