import { Text, View } from '@tarojs/components';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import VisitCoverage from '../../components/VisitCoverage';
import { useLoad } from '../../hooks/useLoad';
import { call } from '../../services/api';
import Gate from '../Gate';
import { go, urls } from '../shared';
import '../visits.scss';

const loadTownship = () => call('visits.townshipBoard', {});

/** 全镇走访情况 (township staff): every village side by side; tap one for its own page. */
function Township() {
  const board = useLoad(loadTownship, 'township');
  if (board.status === 'loading') return <Loading />;
  if (board.status === 'error') return <ErrorView message={board.message} onRetry={board.reload} />;
  const b = board.data;
  return (
    <View>
      <Text className='xz-title'>全镇走访情况 · {b.townshipName}</Text>
      <VisitCoverage title={`${b.month.replace('-', '年')}月 · 全镇`} row={b.township} />
      <View className='xz-card visits-villages'>
        <Text className='xz-label'>各村并排比</Text>
        {b.villages.map((v) => (
          <View key={v.villageId} className='visits-village-row' onClick={() => go(urls.village(v.villageId))}>
            <VisitCoverage title={v.villageName} row={v} compact />
          </View>
        ))}
      </View>
    </View>
  );
}

export default function TownshipPage() {
  return (
    <PageFrame>
      <Gate roles={['townshipStaff']} why='这一页是乡镇干部看各村走访用的。'>
        {() => <Township />}
      </Gate>
    </PageFrame>
  );
}
