import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import ChoiceList from '../components/ChoiceList';
import JoinStatus from '../components/JoinStatus';
import PageFrame from '../components/PageFrame';
import { ErrorView, Loading } from '../components/StateView';
import TextField from '../components/TextField';
import { useLoad } from '../hooks/useLoad';
import { resetWhoAmI, useWhoAmI } from '../hooks/useWhoAmI';
import { call, errorOf } from '../services/api';

const loadRequest = () => call('account.myJoinRequest', {});
const loadVillages = () => call('account.listVillages', {});

function goHome() {
  resetWhoAmI();
  void Taro.reLaunch({ url: '/pages/home/index' });
}

/**
 * Joining a village, once per person: choose the village, give the name and the household code
 * (户号) from the paper the committee handed out, then wait for the committee to say yes.
 */
export default function Join() {
  const who = useWhoAmI();
  const request = useLoad(loadRequest, 'request');
  const villages = useLoad(loadVillages, 'villages');
  const [villageId, setVillageId] = useState<string | undefined>(undefined);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [again, setAgain] = useState(false);

  const refresh = () => {
    setBusy(true);
    loadRequest()
      .then((r) => (r ? request.set(r) : request.reload()))
      .catch((e: unknown) => setError(errorOf(e).message))
      .finally(() => setBusy(false));
  };

  const submit = () => {
    if (busy) return;
    if (!villageId) return setError('请先选您的村');
    if (name.trim() === '') return setError('请写上您的姓名');
    if (code.trim() === '') return setError('请写上户号（在村里发的纸条上）');
    setBusy(true);
    setError(null);
    call('account.requestJoin', { villageId, name: name.trim(), householdCode: code.trim() })
      .then((r) => {
        request.set(r);
        setAgain(false);
      })
      .catch((e: unknown) => setError(errorOf(e).message))
      .finally(() => setBusy(false));
  };

  const joined = who.status === 'ready' && who.me.joined;
  const current = request.status === 'ready' ? request.data : null;
  const showForm = request.status === 'ready' && !joined && (current === null || again);

  return (
    <PageFrame>
      <Text className='xz-title'>申请加入村子</Text>
      {joined && who.status === 'ready' ? (
        <View className='xz-card'>
          <Text className='xz-text'>您已经是{who.me.village?.name ?? '村里'}的人了，不用再申请。</Text>
          <View className='xz-button' onClick={goHome}>
            回到首页
          </View>
        </View>
      ) : null}
      {request.status === 'loading' ? <Loading /> : null}
      {request.status === 'error' ? <ErrorView message={request.message} onRetry={request.reload} /> : null}
      {current && !joined && !again ? (
        <JoinStatus request={current} busy={busy} onRefresh={refresh} onEnter={goHome} onAgain={() => setAgain(true)} />
      ) : null}
      {showForm ? (
        <View className='xz-card join-form'>
          <Text className='xz-muted'>村两委会发给每户一张纸条，上面有户号。照着填，村里核对后就能加入。</Text>
          <Text className='xz-label'>1. 选您的村</Text>
          {villages.status === 'ready' ? (
            <ChoiceList
              choices={villages.data.map((v) => ({ id: v.id, label: `${v.townshipName} ${v.name}` }))}
              selected={villageId}
              onPick={setVillageId}
            />
          ) : null}
          {villages.status === 'loading' ? <Text className='xz-muted'>正在加载村子…</Text> : null}
          {villages.status === 'error' ? <ErrorView message={villages.message} onRetry={villages.reload} /> : null}
          <TextField
            label='2. 您的姓名（和花名册上一样）'
            className='join-name'
            value={name}
            maxlength={20}
            placeholder='比如 张秀英'
            onChange={setName}
          />
          <TextField
            label='3. 户号（纸条上写的）'
            className='join-code'
            value={code}
            maxlength={20}
            placeholder='比如 TY-3-015'
            onChange={setCode}
          />
          {error ? <Text className='xz-text xz-error join-error'>{error}</Text> : null}
          <View className={`xz-button join-submit${busy ? ' xz-button--disabled' : ''}`} onClick={submit}>
            {busy ? '正在提交…' : '提交申请'}
          </View>
        </View>
      ) : null}
      {!showForm && error ? <Text className='xz-text xz-error join-error'>{error}</Text> : null}
    </PageFrame>
  );
}
