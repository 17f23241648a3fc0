import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState, type ReactNode } from 'react';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import ActionNote from '../../components/ActionNote';
import ConsoleGate from '../../components/ConsoleGate';
import MeetingForm from '../../components/MeetingForm';
import MilestoneForm from '../../components/MilestoneForm';
import OwnerPicker from '../../components/OwnerPicker';
import PageFrame from '../../components/PageFrame';
import ProgressForm from '../../components/ProgressForm';
import ReasonBox from '../../components/ReasonBox';
import ScreeningActions from '../../components/ScreeningActions';
import StageStrip from '../../components/StageStrip';
import { ErrorView, Loading } from '../../components/StateView';
import VoteBox from '../../components/VoteBox';
import VoteForm from '../../components/VoteForm';
import TextField from '../../components/TextField';
import { useAction } from '../../hooks/useAction';
import { useConsole } from '../../hooks/useConsole';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import './index.scss';

type MatterView = OutputOf<ActionByName<'matters.get'>>;

const OWNER_STATES = ['deliberating', 'passed', 'implementing'];
const MILESTONE_STATES = ['passed', 'implementing'];

/** One of the committee's jobs on a matter, folded until opened, so the page is a short list of big buttons. */
function Panel({
  name,
  title,
  open,
  onToggle,
  children,
}: {
  readonly name: string;
  readonly title: string;
  readonly open: boolean;
  readonly onToggle: () => void;
  readonly children: ReactNode;
}) {
  return (
    <View className={`xz-card committee-panel committee-panel--${name}`}>
      <View
        className={`xz-button ${open ? 'xz-button--quiet' : 'xz-button--plain'} committee-panel__open`}
        onClick={onToggle}
      >
        {open ? `收起：${title}` : title}
      </View>
      {open ? children : null}
    </View>
  );
}

function CompleteForm({ matterId, onDone }: { readonly matterId: string; readonly onDone: (d: string) => void }) {
  const [summary, setSummary] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  const submit = () => {
    if (action.busy) return;
    if (summary.trim() === '') return setProblem('请写上办成了什么');
    setProblem(null);
    const done = '已经办完，现在请村民来评价';
    action.run(
      () => call('matters.complete', { matterId, summary: summary.trim() }),
      done,
      () => onDone(done),
    );
  };
  return (
    <View className='complete-form'>
      <TextField
        label='办成了什么（会公开）'
        multiline
        className='complete-form__summary'
        value={summary}
        maxlength={500}
        placeholder='比如：三盏路灯都换了新的，花了1200元'
        onChange={setSummary}
      />
      {problem ? <Text className='xz-text xz-error'>✗ {problem}</Text> : null}
      <View className={`xz-button complete-form__submit${action.busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
        {action.busy ? '正在提交…' : '办完了，请大家评价'}
      </View>
      <Text className='xz-muted'>评价期一般14天，到期后自动办结并公开分数。</Text>
      <ActionNote action={{ done: null, error: action.error }} />
    </View>
  );
}

function Steps({
  m,
  accountId,
  villageId,
  onDone,
}: {
  readonly m: MatterView;
  readonly accountId: string;
  readonly villageId: string | undefined;
  readonly onDone: (done: string) => void;
}) {
  const [open, setOpen] = useState<string | null>(null);
  const step = useAction();
  const progress = useAction();
  const toggle = (name: string) => () => setOpen(open === name ? null : name);
  const done = (text: string) => {
    setOpen(null);
    onDone(text);
  };
  const reasonStep = (
    name: string,
    title: string,
    label: string,
    run: (reason: string) => Promise<unknown>,
    text: string,
  ) => (
    <Panel name={name} title={title} open={open === name} onToggle={toggle(name)}>
      <ReasonBox
        label={label}
        confirmText={`确定${title}`}
        busy={step.busy}
        error={step.error}
        onConfirm={(reason) =>
          step.run(
            () => run(reason),
            text,
            () => done(text),
          )
        }
        onCancel={() => setOpen(null)}
      />
    </Panel>
  );
  const motion = useLoad(
    m.state === 'voting' && m.motionId ? () => call('votes.get', { motionId: m.motionId ?? '' }) : null,
    `${m.motionId}|${m.state}`,
  );
  const close = useAction();

  return (
    <View>
      {m.state === 'raised' || m.can.includes('decline') || m.can.includes('merge') ? (
        <View className='xz-card'>
          <Text className='xz-label'>{m.state === 'raised' ? '受理' : '不受理，或者并到同样的事里'}</Text>
          <ScreeningActions matterId={m.id} can={m.can} villageId={villageId} onDone={done} />
        </View>
      ) : null}
      {m.state === 'deliberating' ? (
        <Panel name='meeting' title='记下议事协商会' open={open === 'meeting'} onToggle={toggle('meeting')}>
          <MeetingForm matterId={m.id} accountId={accountId} onDone={done} />
        </Panel>
      ) : null}
      {m.can.includes('openVote') ? (
        <Panel name='vote' title='交给大家表决' open={open === 'vote'} onToggle={toggle('vote')}>
          <VoteForm matter={m} onDone={done} />
        </Panel>
      ) : null}
      {m.state === 'deliberating' && m.meetingCount === 0 ? (
        <Text className='xz-banner xz-banner--wait'>先开过议事协商会、记下会议记录，才能交表决。</Text>
      ) : null}
      {m.can.includes('decideByCommittee')
        ? reasonStep(
            'decide',
            '村两委决定去办',
            '依据什么决定去办（会公开）',
            (reason) => call('matters.decide', { matterId: m.id, reason }),
            '村两委已决定去办',
          )
        : null}
      {m.can.includes('returnToRaised')
        ? reasonStep(
            'return',
            '退回给提出人',
            '为什么退回、要改什么（提出人和大家都能看到）',
            (reason) => call('matters.returnToRaised', { matterId: m.id, reason }),
            '已经退回给提出人',
          )
        : null}
      {m.state === 'voting' && m.motionId ? (
        <View>
          <VoteBox motionId={m.motionId} voting motion={motion.status === 'ready' ? motion.data : null} result={null} />
          <View className='xz-card'>
            <Text className='xz-text'>投票时间到了，或者名单上的人都投完了，就可以结束表决、计票。</Text>
            <View
              className={`xz-button committee__close-vote${close.busy ? ' xz-button--disabled' : ''}`}
              onClick={() =>
                close.run(
                  () => call('votes.close', { motionId: m.motionId ?? '' }),
                  (t) => `已经计票：${t.turnout} 人参加`,
                  () => onDone('表决已结束并计票'),
                )
              }
            >
              {close.busy ? '正在计票…' : '结束表决并计票'}
            </View>
            <ActionNote action={{ done: null, error: close.error }} />
          </View>
        </View>
      ) : null}
      {m.can.includes('reopen')
        ? reasonStep(
            'reopen',
            '重新商量',
            '为什么重新商量（会公开）',
            (reason) => call('matters.reopen', { matterId: m.id, reason }),
            '已经重新开始商量',
          )
        : null}
      {OWNER_STATES.includes(m.state) ? (
        <Panel
          name='owner'
          title={m.owner ? '换负责人' : '定负责人'}
          open={open === 'owner'}
          onToggle={toggle('owner')}
        >
          <OwnerPicker matterId={m.id} villageId={villageId} current={m.owner?.name ?? null} onDone={done} />
        </Panel>
      ) : null}
      {MILESTONE_STATES.includes(m.state) ? (
        <Panel name='milestone' title='定节点' open={open === 'milestone'} onToggle={toggle('milestone')}>
          <MilestoneForm matterId={m.id} onDone={done} />
        </Panel>
      ) : null}
      {m.state === 'passed' ? (
        m.can.includes('startWork') ? (
          <View className='xz-card'>
            <View
              className={`xz-button committee__start${step.busy ? ' xz-button--disabled' : ''}`}
              onClick={() =>
                step.run(
                  () => call('matters.startWork', { matterId: m.id }),
                  '已经开工',
                  () => done('已经开工'),
                )
              }
            >
              开工
            </View>
            <ActionNote action={{ done: null, error: step.error }} />
          </View>
        ) : (
          <Text className='xz-banner xz-banner--wait'>先定下负责人，才能开工。</Text>
        )
      ) : null}
      {m.state === 'implementing' ? (
        <Panel name='progress' title='报进度' open={open === 'progress'} onToggle={toggle('progress')}>
          <ProgressForm
            matterId={m.id}
            accountId={accountId}
            milestones={m.milestones}
            action={progress}
            onPosted={() => done('进度已经报上去了')}
          />
        </Panel>
      ) : null}
      {m.can.includes('complete') ? (
        <Panel name='complete' title='办完了，请大家评价' open={open === 'complete'} onToggle={toggle('complete')}>
          <CompleteForm matterId={m.id} onDone={done} />
        </Panel>
      ) : null}
      {m.state === 'evaluating' ? (
        <Text className='xz-banner xz-banner--wait'>村民正在评价。评价期满后会自动办结，分数会公开。</Text>
      ) : null}
      {['closed', 'rejected', 'declined', 'merged', 'withdrawn'].includes(m.state) ? (
        <Text className='xz-banner xz-banner--wait'>这件事已经结束，村两委不用再办什么了。</Text>
      ) : null}
    </View>
  );
}

/** 村两委办理: the committee's part of one matter, step by step, with only the steps it may take now. */
export default function CommitteeMatter() {
  const access = useConsole('committee');
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const [tick, setTick] = useState(0);
  const [dones, setDones] = useState<readonly string[]>([]);
  const matter = useLoad(
    access.status === 'ready' && id ? () => call('matters.get', { matterId: id }) : null,
    `${id}|${tick}`,
  );
  const last = useRef<MatterView | null>(null);
  if (matter.status === 'ready') last.current = matter.data;
  const m = last.current;
  // The last few things done here, newest last: enough to see the step went through.
  const onDone = (text: string) => {
    setDones((d) => [...d, text]);
    setTick((t) => t + 1);
  };

  return (
    <PageFrame>
      <ConsoleGate title='村两委办理' access={access}>
        {dones.slice(-3).map((d, i) => (
          <Text key={`${i}-${d}`} className='xz-banner xz-banner--ok committee__done'>
            ✓ {d}
          </Text>
        ))}
        {matter.status === 'loading' && !m ? <Loading /> : null}
        {matter.status === 'error' ? <ErrorView message={matter.message} onRetry={matter.reload} /> : null}
        {m && access.status === 'ready' ? (
          <View>
            <View className='xz-card'>
              <Text className='xz-text committee__matter-title'>{m.title}</Text>
              <Text className='xz-text committee__state'>现在：{m.stateLabel}</Text>
              <StageStrip steps={m.strip} stateLabel={m.stateLabel} />
              <Text className='xz-muted'>
                {m.authorName} 提出 · {m.categoryLabel} · 附议 {m.cosignCount} 人 · 开过 {m.meetingCount} 次会
              </Text>
              <View
                className='xz-button xz-button--quiet committee__detail'
                onClick={() => void Taro.navigateTo({ url: `/pages/matter/index?id=${encodeURIComponent(m.id)}` })}
              >
                看这件事的详情和每一步
              </View>
            </View>
            <Steps m={m} accountId={access.me.accountId} villageId={access.villageId} onDone={onDone} />
          </View>
        ) : null}
      </ConsoleGate>
    </PageFrame>
  );
}
