import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { TransitionName } from '../../../core/matter/lifecycle';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import ActionNote from '../ActionNote';
import ChoiceList from '../ChoiceList';
import ReasonBox from '../ReasonBox';
import TextField from '../TextField';

type Doing = 'accept' | 'decline' | 'merge' | null;

/** The matters a duplicate may be merged into: still being raised or talked over (core/matter/lifecycle.ts). */
async function mergeTargets(villageId: string | undefined, except: string) {
  const where = villageId ? { villageId } : {};
  const [raised, talked] = await Promise.all([
    call('matters.list', { ...where, stage: 'raise', limit: 50 }),
    call('matters.list', { ...where, stage: 'deliberate', limit: 50 }),
  ]);
  return [...raised.items, ...talked.items]
    .filter((m) => m.id !== except && (m.state === 'raised' || m.state === 'deliberating'))
    .map((m) => ({ id: m.id, label: m.title }));
}

/**
 * 受理: accept (a note is optional), decline with a reason everyone will read, or merge into the same
 * matter raised before (pick it, say why). Each asks on the page itself; nothing is one stray tap away.
 */
export default function ScreeningActions({
  matterId,
  can,
  villageId,
  onDone,
}: {
  readonly matterId: string;
  readonly can: readonly TransitionName[];
  readonly villageId?: string;
  /** After a step, with what was done in words (the card may leave the list, so the page says it). */
  readonly onDone: (done: string) => void;
}) {
  const [doing, setDoing] = useState<Doing>(null);
  const [note, setNote] = useState('');
  const [target, setTarget] = useState<string | undefined>(undefined);
  const action = useAction();
  const targets = useLoad(doing === 'merge' ? () => mergeTargets(villageId, matterId) : null, `${matterId}|${doing}`);

  const step = (work: () => Promise<unknown>, done: string) =>
    action.run(work, done, () => {
      setDoing(null);
      onDone(done);
    });

  return (
    <View className='screening-actions'>
      {doing === null ? (
        <View className='xz-actions'>
          {can.includes('accept') ? (
            <View className='xz-button screening__accept' onClick={() => setDoing('accept')}>
              受理
            </View>
          ) : null}
          {can.includes('decline') ? (
            <View className='xz-button xz-button--quiet screening__decline' onClick={() => setDoing('decline')}>
              不受理
            </View>
          ) : null}
          {can.includes('merge') ? (
            <View className='xz-button xz-button--quiet screening__merge' onClick={() => setDoing('merge')}>
              合并
            </View>
          ) : null}
        </View>
      ) : null}
      {doing === 'accept' ? (
        <View className='screening__accept-box'>
          <TextField
            label='受理说明（可以不写，大家能看到）'
            className='screening__note'
            value={note}
            maxlength={500}
            placeholder='比如：村里出钱修，下周开会商量'
            onChange={setNote}
          />
          <View className='xz-actions'>
            <View
              className={`xz-button screening__accept-confirm${action.busy ? ' xz-button--disabled' : ''}`}
              onClick={() =>
                step(
                  () =>
                    call('matters.screen', {
                      matterId,
                      decision: 'accept',
                      ...(note.trim() ? { note: note.trim() } : {}),
                    }),
                  '已受理，接下来请大家商量',
                )
              }
            >
              确定受理
            </View>
            <View className='xz-button xz-button--quiet' onClick={() => setDoing(null)}>
              先不了
            </View>
          </View>
        </View>
      ) : null}
      {doing === 'decline' ? (
        <ReasonBox
          label='不受理的理由（会公开，提出人和大家都能看到）'
          confirmText='确定不受理'
          busy={action.busy}
          error={null}
          onConfirm={(reason) =>
            step(() => call('matters.screen', { matterId, decision: 'decline', reason }), '已经不受理，理由已公开')
          }
          onCancel={() => setDoing(null)}
        />
      ) : null}
      {doing === 'merge' ? (
        <View className='screening__merge-box'>
          <Text className='xz-label'>并到哪件事里？</Text>
          {targets.status === 'loading' ? <Text className='xz-text'>正在找…</Text> : null}
          {targets.status === 'error' ? <Text className='xz-text xz-error'>{targets.message}</Text> : null}
          {targets.status === 'ready' && targets.data.length === 0 ? (
            <Text className='xz-text'>没有可以并进去的事（只能并到还在受理或商量中的事）。</Text>
          ) : null}
          {targets.status === 'ready' ? (
            <ChoiceList choices={targets.data} selected={target} onPick={setTarget} />
          ) : null}
          {target ? (
            <ReasonBox
              label='为什么合并（会公开）'
              confirmText='确定合并'
              busy={action.busy}
              error={null}
              onConfirm={(reason) =>
                step(
                  () => call('matters.screen', { matterId, decision: 'merge', reason, targetMatterId: target }),
                  '已经合并',
                )
              }
              onCancel={() => setDoing(null)}
            />
          ) : (
            <View className='xz-button xz-button--quiet' onClick={() => setDoing(null)}>
              先不了
            </View>
          )}
        </View>
      ) : null}
      <ActionNote action={{ done: null, error: action.error }} />
    </View>
  );
}
