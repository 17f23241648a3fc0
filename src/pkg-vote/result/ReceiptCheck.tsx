import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call, errorOf } from '../../services/api';

type Outcome = { readonly typed: string; readonly counted: boolean } | null;

/**
 * 查我的回执码: type the code from the receipt (lower case, spaces and a Chinese keyboard's
 * full-width letters are all fine) and hear 算进去了 or 没找到. It never says what a ballot chose.
 */
export default function ReceiptCheck({ motionId, mine }: { readonly motionId: string; readonly mine: string | null }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const [error, setError] = useState<string | null>(null);

  const check = (code: string) => {
    const receipt = code.trim();
    if (busy) return;
    if (receipt === '') {
      setError('请先写上回执码，比如 7KQ2-M9TX');
      return;
    }
    setBusy(true);
    setError(null);
    setOutcome(null);
    call('votes.checkReceipt', { motionId, receipt })
      .then((r) => setOutcome({ typed: receipt, counted: r.counted }))
      .catch((e: unknown) => setError(errorOf(e).message))
      .finally(() => setBusy(false));
  };

  return (
    <View className='xz-card receipt-check'>
      <Text className='xz-label'>查我的回执码</Text>
      <Text className='xz-muted'>写上投票后拿到的回执码，看看您的票算进去了没有。</Text>
      {mine ? (
        <View className='receipt-check__mine'>
          <Text className='xz-text'>
            您的回执码是 <Text className='vote-list__item--receipt'>{mine}</Text>
          </Text>
          <View
            className='xz-button xz-button--plain receipt-check__fill'
            onClick={() => {
              setTyped(mine);
              check(mine);
            }}
          >
            用我的回执码查
          </View>
        </View>
      ) : null}
      <View className='vote-check'>
        <Input
          className='xz-input receipt-check__input'
          value={typed}
          maxlength={20}
          placeholder='比如 7KQ2-M9TX'
          onInput={(e) => setTyped(e.detail.value)}
          onConfirm={() => check(typed)}
        />
        <View
          className={`xz-button receipt-check__go${busy ? ' xz-button--disabled' : ''}`}
          onClick={() => check(typed)}
        >
          {busy ? '正在查…' : '查一查'}
        </View>
      </View>
      {error ? <Text className='xz-text xz-error'>{error}</Text> : null}
      {outcome?.counted ? (
        <Text className='xz-banner xz-banner--ok receipt-check__found'>
          ✓ 算进去了：回执码 {outcome.typed} 在公布的清单里。
        </Text>
      ) : null}
      {outcome && !outcome.counted ? (
        <Text className='xz-banner xz-banner--bad receipt-check__missing'>
          ✗ 没找到：回执码 {outcome.typed} 不在清单里。请看看有没有抄错；确实没有，请找村务监督委员会。
        </Text>
      ) : null}
    </View>
  );
}
