import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import PageFrame from '../../components/PageFrame';
import { ErrorView, Loading } from '../../components/StateView';
import { loadWhoAmI, resetWhoAmI } from '../../hooks/useWhoAmI';
import { errorOf } from '../../services/api';
import { devLogin, listDemoUsers, type DemoUser } from '../../services/dev';
import { setToken } from '../../services/session';

/**
 * Local demo only: pick who you are. In the mini-program WeChat says who the user is, so this
 * page is not built there.
 */
export default function DevLogin() {
  const [users, setUsers] = useState<DemoUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(() => {
    setError(null);
    listDemoUsers()
      .then(setUsers)
      .catch((e: unknown) => setError(errorOf(e).message));
  }, []);
  useEffect(load, [load]);

  const pick = (u: DemoUser) => {
    setBusy(u.accountId);
    devLogin(u.accountId)
      .then((token) => {
        setToken(token);
        resetWhoAmI();
        void loadWhoAmI();
        // A fresh stack: the login page must not linger behind the home page.
        return Taro.reLaunch({ url: '/pages/home/index' });
      })
      .catch((e: unknown) => setError(errorOf(e).message))
      .finally(() => setBusy(null));
  };

  return (
    <PageFrame>
      <Text className='xz-title'>选择演示用户</Text>
      <Text className='xz-muted'>这是本地演示村。选一个人，就用他的身份看看乡治。</Text>
      {error ? <ErrorView message={error} onRetry={load} /> : null}
      {!users && !error ? <Loading /> : null}
      {users?.map((u) => (
        <View key={u.accountId} className='xz-card xz-row demo-user' onClick={() => pick(u)}>
          <View>
            <Text className='xz-text'>{u.name}</Text>
            <Text className='xz-muted'>
              {u.roles.length > 0 ? `${u.villageName} · ${u.roleLabels.join('、')}` : '还没有加入村子'}
            </Text>
          </View>
          <Text className='xz-text'>{busy === u.accountId ? '正在进入…' : '用他登录'}</Text>
        </View>
      ))}
    </PageFrame>
  );
}
