import { Text } from '@tarojs/components';
import PageFrame from '../../components/PageFrame';
import { Empty } from '../../components/StateView';

/** 民事民提 · 民议 · 民决 · 民办 · 民评: the matter list arrives with the matters module. */
export default function Matters() {
  return (
    <PageFrame>
      <Text className='xz-title'>议事</Text>
      <Empty title='议事功能还在建设中' text='建好以后，大家可以在这里提事、附议、讨论和投票。' />
    </PageFrame>
  );
}
