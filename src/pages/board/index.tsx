import { Text } from '@tarojs/components';
import PageFrame from '../../components/PageFrame';
import { Empty } from '../../components/StateView';

/** 村务公开: notices arrive with the board module. */
export default function Board() {
  return (
    <PageFrame>
      <Text className='xz-title'>村务公开</Text>
      <Empty title='公开栏还在建设中' text='建好以后，村里的决定、表决结果和账目都会公开在这里。' />
    </PageFrame>
  );
}
