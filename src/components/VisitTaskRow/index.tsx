import { Text, View } from '@tarojs/components';
import './index.scss';

export interface VisitTaskRowData {
  readonly householdId: string;
  readonly householdCode: string;
  readonly tags: readonly string[];
  readonly status: 'done' | 'due' | 'overdue';
  readonly periodLabel: string;
  readonly daysLeft: number;
  readonly dueSoon: boolean;
}

const STATUS: Readonly<Record<VisitTaskRowData['status'], string>> = {
  done: '✓ 已走访',
  due: '待走访',
  overdue: '! 逾期未走访',
};

/**
 * One household to visit, as one big row for a thumb: its code and tags, its state in words (never
 * colour alone), and, while it is not done, the one button that starts the check-in.
 */
export default function VisitTaskRow({
  task,
  waiting,
  onOpen,
  onCheckIn,
}: {
  readonly task: VisitTaskRowData;
  /** A check-in for it waits on this phone. */
  readonly waiting: boolean;
  readonly onOpen: () => void;
  readonly onCheckIn: () => void;
}) {
  const left = task.status === 'due' ? (task.daysLeft <= 1 ? '，今天是最后一天' : `，还有${task.daysLeft}天`) : '';
  return (
    <View className={`visit-task visit-task--${task.status}`}>
      <View className='visit-task__body' onClick={onOpen}>
        <Text className='visit-task__code'>户号 {task.householdCode}</Text>
        <Text className='visit-task__status'>
          {STATUS[task.status]}
          {left}
        </Text>
        <Text className='xz-muted'>
          {task.periodLabel}
          {task.tags.length > 0 ? ` · ${task.tags.join('、')}` : ''}
        </Text>
        {waiting ? <Text className='xz-badge visit-task__waiting'>有一次走访还没发出去</Text> : null}
      </View>
      {task.status !== 'done' ? (
        <View className='xz-button visit-task__go' onClick={onCheckIn}>
          登记走访
        </View>
      ) : null}
    </View>
  );
}
