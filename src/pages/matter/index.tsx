import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import ActionNote from '../../components/ActionNote';
import CosignBox from '../../components/CosignBox';
import EvaluationBox from '../../components/EvaluationBox';
import MatterTimeline from '../../components/MatterTimeline';
import MeetingList from '../../components/MeetingList';
import PageFrame from '../../components/PageFrame';
import PhotoList from '../../components/PhotoList';
import ProgressForm from '../../components/ProgressForm';
import ReasonBox from '../../components/ReasonBox';
import StageStrip from '../../components/StageStrip';
import { ErrorView, Loading } from '../../components/StateView';
import VoteBox from '../../components/VoteBox';
import WorkSection from '../../components/WorkSection';
import { useAction } from '../../hooks/useAction';
import { useLoad } from '../../hooks/useLoad';
import { useOnReturn } from '../../hooks/useOnReturn';
import { usePaged } from '../../hooks/usePaged';
import { useWhoAmI, type WhoAmI } from '../../hooks/useWhoAmI';
import { call } from '../../services/api';
import { formatTime } from '../../utils/format';
import { formatDate } from '../../utils/matter';
import './index.scss';

type MatterView = OutputOf<ActionByName<'matters.get'>>;

const TONE: Readonly<Record<string, 'ok' | 'wait' | 'bad'>> = {
  passed: 'ok',
  implementing: 'ok',
  evaluating: 'ok',
  closed: 'ok',
  rejected: 'bad',
  declined: 'bad',
  merged: 'bad',
  withdrawn: 'bad',
  noQuorum: 'bad',
};

const WORK_STATES = ['passed', 'implementing', 'evaluating', 'closed'];
const COSIGN_STATES = ['raised', 'deliberating'];
const go = (url: string) => void Taro.navigateTo({ url });

function ExitNotice({ m }: { readonly m: MatterView }) {
  const reason = m.closingReason;
  if (m.state === 'declined')
    return <Text className='xz-banner xz-banner--bad matter__exit'>村两委没有受理。理由：{reason ?? '没有写'}</Text>;
  if (m.state === 'withdrawn')
    return (
      <Text className='xz-banner xz-banner--bad matter__exit'>提出人撤回了。{reason ? `理由：${reason}` : ''}</Text>
    );
  if (m.state === 'merged')
    return (
      <View className='xz-banner xz-banner--bad matter__exit'>
        <Text className='xz-text'>和另一件事是同一回事，已经并过去了。理由：{reason ?? '没有写'}</Text>
        {m.mergedInto ? (
          <View
            className='xz-button xz-button--plain'
            onClick={() => go(`/pages/matter/index?id=${encodeURIComponent(m.mergedInto ?? '')}`)}
          >
            去看那件事
          </View>
        ) : null}
      </View>
    );
  return null;
}

function Screening({ m }: { readonly m: MatterView }) {
  const s = m.screening;
  if (!s) return null;
  return s.overdue ? (
    <Text className='xz-banner xz-banner--bad matter__screening'>
      ✗ 村两委超期了：应该在 {formatTime(s.dueAt)} 前受理，现在还没有受理
    </Text>
  ) : (
    <Text className='xz-banner xz-banner--wait matter__screening'>
      村两委要在 {formatTime(s.dueAt)} 前受理（还有 {s.daysLeft} 天）
    </Text>
  );
}

function Details({ m }: { readonly m: MatterView }) {
  return (
    <View className='xz-card matter__details'>
      <Text className='xz-text'>哪类事：{m.categoryLabel}</Text>
      {m.reserved ? (
        <Text className='xz-text matter__reserved'>这类事按法律必须由村民投票表决，村两委不能自己定。</Text>
      ) : null}
      <Text className='xz-text'>
        谁提的：{m.authorName}
        {m.mine ? '（是您）' : ''}
      </Text>
      <Text className='xz-muted'>提出时间：{formatTime(m.raisedAt)}</Text>
      {m.description ? <Text className='xz-text matter__description'>{m.description}</Text> : null}
      <PhotoList ids={m.photos} />
      {m.decidedBy === 'committee' ? (
        <Text className='xz-text'>商量以后，由村两委决定去办（这类事不用投票）。</Text>
      ) : null}
    </View>
  );
}

function Talk({ m, id }: { readonly m: MatterView; readonly id: string }) {
  return (
    <View className='xz-card matter__talk'>
      <Text className='xz-label'>大家的看法</Text>
      <Text className='xz-text matter__stances'>
        赞成 {m.stances.for} 人，反对 {m.stances.against} 人，中立 {m.stances.neutral} 人
      </Text>
      <View
        className='xz-button xz-button--plain matter__comments'
        onClick={() => go(`/pages/comments/index?id=${id}`)}
      >
        {m.canComment ? `看留言、说说看法（${m.commentCount} 条）` : `看留言（${m.commentCount} 条）`}
      </View>
    </View>
  );
}

/** The owner (by name: the view says who, not whether it is the caller) or the committee reports on the work. */
function mayReport(m: MatterView, me: WhoAmI): boolean {
  if (m.state !== 'implementing') return false;
  if (me.roles.includes('committee')) return true;
  return m.owner?.kind === 'person' && m.owner.name === me.name;
}

function Matter({ id, me }: { readonly id: string; readonly me: WhoAmI }) {
  const [tick, setTick] = useState(0);
  const refresh = () => setTick((t) => t + 1);
  const matter = useLoad(() => call('matters.get', { matterId: id }), `${id}|${tick}`);
  // While it loads again after a step, the page keeps showing what it had: no flash, no jump.
  const last = useRef<MatterView | null>(null);
  if (matter.status === 'ready') last.current = matter.data;
  const m = last.current;
  const timeline = usePaged(
    (cursor) => call('matters.timeline', { matterId: id, limit: 20, ...(cursor ? { cursor } : {}) }),
    `${id}|${tick}`,
  );
  const showWork = m !== null && (WORK_STATES.includes(m.state) || m.owner !== null);
  const progress = usePaged(
    showWork ? (cursor) => call('matters.progress', { matterId: id, limit: 5, ...(cursor ? { cursor } : {}) }) : null,
    `${id}|${tick}|${showWork}`,
  );
  const meetings = useLoad(
    m && m.meetingCount > 0 ? () => call('matters.meetings', { matterId: id }) : null,
    `${id}|${tick}|${m?.meetingCount ?? 0}`,
  );
  const motionId = m?.motionId ?? null;
  const voting = m?.state === 'voting';
  const motion = useLoad(
    motionId && voting ? () => call('votes.get', { motionId }) : null,
    `${motionId}|${voting}|${tick}`,
  );
  const result = useLoad(
    motionId && !voting ? () => call('votes.result', { motionId }).catch(() => null) : null,
    `${motionId}|${voting}|${tick}`,
  );
  const cosign = useAction();
  const rate = useAction();
  const withdraw = useAction();
  const report = useAction();
  const [withdrawing, setWithdrawing] = useState(false);

  // Back from the comments, the vote or the committee's page: show what changed there.
  useOnReturn(refresh);

  if (matter.status === 'error') return <ErrorView message={matter.message} onRetry={matter.reload} />;
  if (!m) return <Loading />;

  const committee = me.roles.includes('committee');
  return (
    <View className='matter'>
      <Text className='xz-title matter__title'>{m.title}</Text>
      <Text className={`xz-banner xz-banner--${TONE[m.state] ?? 'wait'} matter__state`}>现在：{m.stateLabel}</Text>
      <StageStrip steps={m.strip} stateLabel={m.stateLabel} />
      <ExitNotice m={m} />
      <Screening m={m} />
      <Details m={m} />
      <CosignBox
        cosign={m.cosign}
        open={COSIGN_STATES.includes(m.state)}
        canCosign={m.canCosign}
        action={cosign}
        onCosign={() =>
          cosign.run(
            () => call('matters.cosign', { matterId: id }),
            (c) => `附议成功，现在有 ${c.count} 人附议`,
            refresh,
          )
        }
      />
      <Talk m={m} id={encodeURIComponent(id)} />
      <MeetingList meetings={meetings.status === 'ready' ? meetings.data : []} />
      {motionId ? (
        <VoteBox
          motionId={motionId}
          voting={voting}
          motion={voting && motion.status === 'ready' ? motion.data : null}
          result={!voting && result.status === 'ready' ? result.data : null}
        />
      ) : null}
      {showWork ? (
        <WorkSection
          owner={m.owner}
          milestones={m.milestones}
          progress={progress.items}
          percent={m.progressPercent}
          laborDays={m.laborDays}
          more={progress.more}
          busy={progress.busy}
          onMore={progress.loadMore}
        />
      ) : null}
      {mayReport(m, me) ? (
        <ProgressForm
          matterId={id}
          accountId={me.accountId}
          milestones={m.milestones}
          action={report}
          onPosted={refresh}
        />
      ) : (
        <ActionNote action={report} />
      )}
      {m.evaluation ? (
        <EvaluationBox
          evaluation={m.evaluation}
          canRate={m.canRate}
          action={rate}
          onRate={(stars, comment) =>
            rate.run(
              () => call('matters.rate', { matterId: id, stars, ...(comment ? { comment } : {}) }),
              `已经交上了：您打了 ${stars} 星`,
              refresh,
            )
          }
        />
      ) : null}
      {m.completedAt !== null ? <Text className='xz-muted'>办完的日子：{formatDate(m.completedAt)}</Text> : null}
      {m.can.includes('withdraw') ? (
        <View className='xz-card matter__withdraw'>
          {withdrawing ? (
            <ReasonBox
              label='为什么撤回？（大家能看到）'
              confirmText='确定撤回'
              busy={withdraw.busy}
              error={withdraw.error}
              onConfirm={(reason) =>
                withdraw.run(
                  () => call('matters.withdraw', { matterId: id, reason }),
                  '已经撤回了',
                  () => {
                    setWithdrawing(false);
                    refresh();
                  },
                )
              }
              onCancel={() => setWithdrawing(false)}
            />
          ) : (
            <View className='xz-button xz-button--quiet matter__withdraw-open' onClick={() => setWithdrawing(true)}>
              撤回这件事
            </View>
          )}
        </View>
      ) : null}
      <ActionNote action={{ done: withdraw.done, error: withdrawing ? null : withdraw.error }} />
      {committee ? (
        <View className='xz-card matter__committee'>
          <Text className='xz-text'>您是村两委成员：受理、开会、交表决、定负责人这些事在这里办。</Text>
          <View
            className='xz-button matter__committee-open'
            onClick={() => go(`/pkg-committee/matter/index?id=${encodeURIComponent(id)}`)}
          >
            村两委办理这件事
          </View>
        </View>
      ) : null}
      {timeline.error ? <ErrorView message={timeline.error} /> : null}
      <MatterTimeline entries={timeline.items} more={timeline.more} busy={timeline.busy} onMore={timeline.loadMore} />
    </View>
  );
}

/** 一件事: the five steps, what it is, who backs it, what was said, decided and done, and the public timeline. */
export default function MatterPage() {
  const id = useRouter().params.id ?? '';
  const who = useWhoAmI();
  return (
    <PageFrame>
      {id === '' ? <ErrorView message='没有说要看哪件事' /> : null}
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' && id !== '' ? <Matter id={decodeURIComponent(id)} me={who.me} /> : null}
    </PageFrame>
  );
}
