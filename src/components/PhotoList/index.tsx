import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { loadPhotoH5, photoUrl } from '../../services/files';
import '../PhotoPicker/index.scss';

const H5 = process.env.TARO_ENV !== 'weapp';

/**
 * Where each photo is shown from: the `cloud://` id itself in WeChat; in H5 a blob URL fetched with
 * the session token (null while loading, false when it cannot be shown). Blob URLs are let go when
 * the photos change or leave the page.
 */
function useSources(ids: readonly string[]): Readonly<Record<string, string | null | false>> {
  // The ids' content, not the array's identity, says when to load again.
  const key = JSON.stringify(ids);
  const [sources, setSources] = useState<Readonly<Record<string, string | null | false>>>({});
  useEffect(() => {
    if (!H5) return;
    let live = true;
    const made: string[] = [];
    setSources({});
    for (const id of JSON.parse(key) as string[]) {
      void loadPhotoH5(id).then((url) => {
        if (url) made.push(url);
        if (!live) {
          if (url) URL.revokeObjectURL(url);
          return;
        }
        setSources((s) => ({ ...s, [id]: url ?? false }));
      });
    }
    return () => {
      live = false;
      for (const url of made) URL.revokeObjectURL(url);
    };
  }, [key]);
  return sources;
}

/** Stored photos, in order; tapping one in WeChat opens it full size. One that cannot load says so. */
export default function PhotoList({ ids }: { readonly ids: readonly string[] }) {
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  const sources = useSources(ids);
  if (ids.length === 0) return null;
  const urls = ids.map(photoUrl);
  const preview = (i: number) => {
    if (!H5) void Taro.previewImage({ urls, current: urls[i] });
  };
  return (
    <View className='photo-list'>
      {ids.map((id, i) => {
        const src = H5 ? sources[id] : urls[i];
        const alt = `第${i + 1}张照片`;
        if (missing.has(id) || src === false) {
          return (
            <Text key={id} className='photo-list__missing'>
              {alt} 这里显示不了
            </Text>
          );
        }
        if (src === null || src === undefined) {
          return (
            <Text key={id} className='photo-list__missing photo-list__loading'>
              {alt} 正在加载…
            </Text>
          );
        }
        return (
          <Image
            key={id}
            className='photo-list__img'
            src={src}
            mode='aspectFill'
            ariaLabel={alt}
            nativeProps={{ alt }}
            onClick={() => preview(i)}
            onError={() => setMissing((m) => new Set([...m, id]))}
          />
        );
      })}
    </View>
  );
}
