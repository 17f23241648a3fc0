import { Text, View } from '@tarojs/components';
import type { RosterImport } from '../../hooks/useRosterImport';
import CsvPicker from '../CsvPicker';
import ImportReportCard from '../ImportReportCard';

const STEP_TEXT = { uploading: '正在上传文件…', checking: '正在逐行检查…', importing: '正在导入…' } as const;

/**
 * The committee's roster tools: the template to fill in Excel, then 导入花名册 (pick a CSV, see the
 * check, confirm). In the mini-program the template is shown as text with a copy button.
 */
export default function RosterImportPanel({
  imp,
  template,
  templateError,
  onTemplate,
  onCopyTemplate,
}: {
  readonly imp: RosterImport;
  /** The template's text once shown (mini-program), else null. */
  readonly template: string | null;
  readonly templateError: string | null;
  readonly onTemplate: () => void;
  readonly onCopyTemplate: () => void;
}) {
  const busy = imp.step !== 'idle';
  return (
    <View className='xz-card roster-import'>
      <Text className='xz-text'>导入花名册</Text>
      <Text className='xz-muted'>
        先下载模板，在 Excel 里一人一行填好，“另存为” CSV，再选这个文件。全部没错才会导入，有错会告诉您在哪行哪列。
      </Text>
      <View className='xz-actions'>
        <View className='xz-button xz-button--plain roster-template' onClick={onTemplate}>
          下载模板
        </View>
      </View>
      {templateError ? <Text className='xz-text xz-error'>{templateError}</Text> : null}
      {template !== null ? (
        <View className='roster-template__text'>
          <Text className='xz-muted'>把下面的文字复制到电脑上，存成 .csv 文件，用 Excel 打开填写：</Text>
          <Text className='xz-text' userSelect>
            {template}
          </Text>
          <View className='xz-button xz-button--plain' onClick={onCopyTemplate}>
            复制模板
          </View>
        </View>
      ) : null}
      <CsvPicker label='导入花名册（选 CSV 文件）' busy={busy} onPicked={imp.pick} onError={imp.fail} />
      {imp.fileName ? <Text className='xz-muted'>文件：{imp.fileName}</Text> : null}
      {imp.step !== 'idle' ? <Text className='xz-text roster-import__step'>{STEP_TEXT[imp.step]}</Text> : null}
      {imp.error ? <Text className='xz-text xz-error roster-import__error'>出错了：{imp.error}</Text> : null}
      {imp.report ? (
        <ImportReportCard
          report={imp.report}
          busy={imp.step === 'importing'}
          onConfirm={imp.confirm}
          onCancel={imp.cancel}
        />
      ) : null}
    </View>
  );
}
