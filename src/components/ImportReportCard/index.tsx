import { Text, View } from '@tarojs/components';
import type { OutputOf } from '../../../core/action';
import type { ActionByName } from '../../../core';
import { problemText } from '../../utils/format';

export type ImportReport = OutputOf<ActionByName<'roster.import'>>;

function Summary({ report }: { readonly report: ImportReport }) {
  return (
    <View>
      <Text className='xz-text'>文件里共 {report.rows} 行</Text>
      <Text className='xz-text'>
        新增 {report.householdsAdded} 户、{report.personsAdded} 人
      </Text>
      <Text className='xz-text'>
        改动 {report.householdsChanged} 户、{report.personsChanged} 人
      </Text>
      {report.groupsAdded.length > 0 ? <Text className='xz-text'>新的组：{report.groupsAdded.join('、')}</Text> : null}
      {report.encoding ? (
        <Text className='xz-muted'>文件编码：{report.encoding === 'gbk' ? 'GBK（Excel 另存的）' : 'UTF-8'}</Text>
      ) : null}
    </View>
  );
}

/**
 * What a roster file would do (a preview) or did. A file with problems lists every one and never
 * offers to import: nothing is imported until the whole file is right.
 */
export default function ImportReportCard({
  report,
  busy,
  onConfirm,
  onCancel,
}: {
  readonly report: ImportReport;
  readonly busy: boolean;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}) {
  if (report.problems.length > 0) {
    return (
      <View className='xz-card import-report import-report--problems'>
        <Text className='xz-banner xz-banner--bad'>✗ 这个文件有 {report.problems.length} 处错，一条都没有导入</Text>
        <Text className='xz-muted'>请在 Excel 里按下面的提示改好，再重新选文件。</Text>
        {report.problems.map((p, i) => (
          <Text key={i} className='xz-text import-problem'>
            {problemText(p)}
          </Text>
        ))}
      </View>
    );
  }
  const changes = report.householdsAdded + report.householdsChanged + report.personsAdded + report.personsChanged > 0;
  if (report.applied) {
    return (
      <View className='xz-card import-report import-report--done'>
        <Text className='xz-banner xz-banner--ok'>✓ 已经导入花名册</Text>
        <Summary report={report} />
      </View>
    );
  }
  return (
    <View className='xz-card import-report import-report--preview'>
      <Text className='xz-banner xz-banner--ok'>✓ 检查过了，没有错（还没有导入）</Text>
      <Summary report={report} />
      {changes ? (
        <View className='xz-actions'>
          <View className={`xz-button import-confirm${busy ? ' xz-button--disabled' : ''}`} onClick={onConfirm}>
            {busy ? '正在导入…' : '确认导入'}
          </View>
          <View className='xz-button xz-button--quiet' onClick={onCancel}>
            不导入了
          </View>
        </View>
      ) : (
        <Text className='xz-text'>和现在的花名册一样，不用导入。</Text>
      )}
    </View>
  );
}
