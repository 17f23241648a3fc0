import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { MatterCategory } from '../../../core/categories';
import ChoiceList from '../../components/ChoiceList';
import PageFrame from '../../components/PageFrame';
import PhotoPicker from '../../components/PhotoPicker';
import { ErrorView, Loading } from '../../components/StateView';
import TextField from '../../components/TextField';
import { useClientId } from '../../hooks/useClientId';
import { usePhotos } from '../../hooks/usePhotos';
import { useVillageGroups } from '../../hooks/useVillageGroups';
import { useWhoAmI, type WhoAmI } from '../../hooks/useWhoAmI';
import { call, errorOf } from '../../services/api';
import { CATEGORY_CHOICES, categoryNeedsVote } from '../../utils/matter';
import './index.scss';

/** Quiet time after the last change before the draft is saved: no button, no pop-up. */
const AUTOSAVE_MS = 1500;

function clock(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

interface Form {
  readonly title: string;
  readonly description: string;
  readonly category: MatterCategory | undefined;
  readonly groupId: string | undefined;
}

const EMPTY: Form = { title: '', description: '', category: undefined, groupId: undefined };

function RaiseForm({ me }: { readonly me: WhoAmI }) {
  const [form, setForm] = useState<Form>(EMPTY);
  const photos = usePhotos(me.accountId);
  const groups = useVillageGroups(me);
  const [draftId, setDraftId] = useState<string | undefined>(undefined);
  const [loaded, setLoaded] = useState(false);
  const [resumed, setResumed] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [saveProblem, setSaveProblem] = useState(false);
  const [problems, setProblems] = useState<readonly string[]>([]);
  const [busy, setBusy] = useState(false);
  // One per matter written here, sent with every try: a matter that reached the server before the
  // network dropped its answer is not raised twice.
  const { clientId } = useClientId();
  const [error, setError] = useState<string | null>(null);
  // The autosave reads these when its timer fires, so a save always sends the newest text.
  const latest = useRef({ form, photos: photos.ids, draftId });
  latest.current = { form, photos: photos.ids, draftId };
  const saving = useRef<Promise<void> | null>(null);
  const submitted = useRef(false);
  const photoKey = photos.ids.join(',');
  // What was last saved (or read back): an unchanged form is not saved again.
  const savedKey = useRef(JSON.stringify([EMPTY, '']));
  const { reset } = photos;

  // Pick up where the last visit left off: the newest draft, if there is one.
  useEffect(() => {
    let live = true;
    call('matters.drafts', {})
      .then((drafts) => {
        const d = [...drafts].sort((a, b) => b.savedAt - a.savedAt)[0];
        if (!live || !d) return;
        setForm({
          title: d.title,
          description: d.description,
          category: d.category ?? undefined,
          groupId: d.groupId ?? undefined,
        });
        reset(d.photos);
        savedKey.current = JSON.stringify([
          {
            title: d.title,
            description: d.description,
            category: d.category ?? undefined,
            groupId: d.groupId ?? undefined,
          },
          d.photos.join(','),
        ]);
        setDraftId(d.id);
        setSavedAt(d.savedAt);
        setResumed(true);
      })
      .catch(() => {
        // No drafts to show is no reason to keep a villager from writing.
      })
      .finally(() => {
        if (live) setLoaded(true);
      });
    return () => {
      live = false;
    };
  }, [reset]);

  const save = (): Promise<void> => {
    const run = async () => {
      const { form: f, photos: ids, draftId: id } = latest.current;
      const key = JSON.stringify([f, ids.join(',')]);
      if (key === savedKey.current) return;
      try {
        const d = await call('matters.saveDraft', {
          ...(id ? { draftId: id } : {}),
          title: f.title.slice(0, 60),
          description: f.description,
          ...(f.category ? { category: f.category } : {}),
          ...(f.groupId ? { groupId: f.groupId } : {}),
          photos: [...ids],
        });
        if (!submitted.current) {
          savedKey.current = key;
          setDraftId(d.id);
          latest.current = { ...latest.current, draftId: d.id };
          setSavedAt(d.savedAt);
          setSaveProblem(false);
        }
      } catch {
        setSaveProblem(true);
      }
    };
    // One save at a time: a change made while one is on its way is saved after it, with its id.
    const next = (saving.current ?? Promise.resolve()).then(run);
    saving.current = next;
    return next;
  };

  useEffect(() => {
    if (!loaded || submitted.current) return;
    if (JSON.stringify([form, photoKey]) === savedKey.current) return;
    const timer = setTimeout(() => {
      if (!submitted.current) void save();
    }, AUTOSAVE_MS);
    return () => clearTimeout(timer);
    // save reads the newest values through `latest`; only a change of them restarts the wait.
  }, [form, photoKey, loaded]);

  const set = (patch: Partial<Form>) => setForm((f) => ({ ...f, ...patch }));

  const submit = () => {
    if (busy || photos.uploading) return;
    const found: string[] = [];
    if (form.title.trim().length < 4) found.push('标题至少写4个字');
    if (!form.category) found.push('请选这是哪类事');
    setProblems(found);
    if (found.length > 0 || !form.category) return;
    const category = form.category;
    setBusy(true);
    setError(null);
    void (async () => {
      try {
        // A save still on its way would otherwise bring the draft back after the matter is raised.
        await saving.current;
        submitted.current = true;
        const id = latest.current.draftId;
        const m = await call('matters.raise', {
          title: form.title.trim(),
          description: form.description.trim(),
          category,
          ...(form.groupId ? { groupId: form.groupId } : {}),
          photos: [...photos.ids],
          ...(id ? { draftId: id } : {}),
          clientId,
        });
        void Taro.redirectTo({ url: `/pages/matter/index?id=${encodeURIComponent(m.id)}` });
      } catch (e) {
        submitted.current = false;
        setError(errorOf(e).message);
        setBusy(false);
      }
    })();
  };

  if (!loaded) return <Loading text='正在看看有没有上次没写完的…' />;

  return (
    <View className='raise'>
      {resumed ? <Text className='xz-banner xz-banner--wait raise__resumed'>接着写您上次没写完的</Text> : null}
      <View className='xz-card'>
        <TextField
          label='什么事（标题）'
          className='raise__title'
          value={form.title}
          maxlength={60}
          placeholder='比如：三组到村口的路灯坏了'
          onChange={(v) => set({ title: v })}
        />
        <TextField
          label='说说详细情况（可以不写）'
          multiline
          className='raise__description'
          value={form.description}
          maxlength={2000}
          placeholder='在哪里、多久了、对大家有什么影响'
          onChange={(v) => set({ description: v })}
        />
      </View>
      <View className='xz-card raise__categories'>
        <Text className='xz-label'>这是哪类事</Text>
        <ChoiceList
          choices={CATEGORY_CHOICES}
          selected={form.category}
          onPick={(id) => set({ category: id as MatterCategory })}
        />
        {form.category && categoryNeedsVote(form.category) ? (
          <Text className='xz-text raise__vote-note'>这类事按法律要由村民投票表决，村两委不能自己定。</Text>
        ) : null}
      </View>
      {groups && groups.length > 0 ? (
        <View className='xz-card raise__groups'>
          <Text className='xz-label'>哪个组的事</Text>
          <ChoiceList
            choices={[{ id: '', label: '全村的事' }, ...groups]}
            selected={form.groupId ?? ''}
            onPick={(id) => set({ groupId: id === '' ? undefined : id })}
          />
        </View>
      ) : null}
      <View className='xz-card'>
        <Text className='xz-label'>照片（最多6张，可以不传）</Text>
        <PhotoPicker photos={photos} label='拍照或选照片' />
      </View>
      <Text className='xz-muted raise__saved'>
        {saveProblem
          ? '草稿这会儿没存上，改一下会再存'
          : savedAt !== null
            ? `已自动保存（${clock(savedAt)}），只有您自己看得到`
            : '写的内容会自动保存，不用怕丢'}
      </Text>
      {problems.map((p) => (
        <Text key={p} className='xz-text xz-error raise__problem'>
          ✗ {p}
        </Text>
      ))}
      {error ? <Text className='xz-banner xz-banner--bad raise__error'>✗ 没有提交成功：{error}</Text> : null}
      <View
        className={`xz-button raise__submit${busy || photos.uploading ? ' xz-button--disabled' : ''}`}
        onClick={submit}
      >
        {busy ? '正在提交…' : '提交给村里'}
      </View>
      <Text className='xz-muted'>提交以后，村两委要在规定的天数里（一般是7天）受理；别的村民可以附议。</Text>
    </View>
  );
}

/** 提一件事: title, what happened, which kind of matter, which group, photos; the draft saves itself. */
export default function Raise() {
  const who = useWhoAmI();
  return (
    <PageFrame>
      <Text className='xz-title'>提一件村里的事</Text>
      {who.status === 'loading' ? <Loading /> : null}
      {who.status === 'error' ? <ErrorView message={who.error.message} onRetry={who.reload} /> : null}
      {who.status === 'ready' && !who.me.roles.includes('villager') ? (
        <ErrorView message='只有村里的村民能提事。加入村子以后就能提了。' />
      ) : null}
      {who.status === 'ready' && who.me.roles.includes('villager') ? <RaiseForm me={who.me} /> : null}
    </PageFrame>
  );
}
