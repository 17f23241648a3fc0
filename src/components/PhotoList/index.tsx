import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { photoUrl } from '../../services/files';
import '../PhotoPicker/index.scss';

/** Stored photos, in order; tapping one in WeChat opens it full size. One that cannot load says so. */
export default function PhotoList({ ids }: { readonly ids: readonly string[] }) {
  const [missing, setMissing] = useState<ReadonlySet<string>>(new Set());
  if (ids.length === 0) return null;
  const urls = ids.map(photoUrl);
  const preview = (i: number) => {
    if (process.env.TARO_ENV === 'weapp') void Taro.previewImage({ urls, current: urls[i] });
  };
  return (
    <View className='photo-list'>
      {ids.map((id, i) =>
        missing.has(id) ? (
          <Text key={id} className='photo-list__missing'>
            第{i + 1}张照片 这里显示不了
          </Text>
        ) : (
          <Image
            key={id}
            className='photo-list__img'
            src={urls[i]}
            mode='aspectFill'
            onClick={() => preview(i)}
            onError={() => setMissing((m) => new Set([...m, id]))}
          />
        ),
      )}
    </View>
  );
}
