import { Image, Text, View } from '@tarojs/components';
import { useRef, type ChangeEvent } from 'react';
import type { Photos } from '../../hooks/usePhotos';
import { errorOf } from '../../services/api';
import { allPickedFromInput, choosePhotosWeapp } from '../../services/files';
import './index.scss';

/**
 * Pick photos for a form: the chosen ones as thumbnails, each with its own 删掉 button, and one big
 * button to add more (WeChat's album or camera; a file input in H5). Says in words how many more fit.
 */
export default function PhotoPicker({
  photos,
  label = '加照片',
}: {
  readonly photos: Photos;
  readonly label?: string;
}) {
  const input = useRef<HTMLInputElement>(null);
  const full = photos.room <= 0;

  const open = () => {
    if (photos.uploading || full) return;
    if (process.env.TARO_ENV === 'h5') {
      input.current?.click();
      return;
    }
    choosePhotosWeapp(photos.room)
      .then((files) => photos.add(files))
      .catch((e: unknown) => photos.fail(errorOf(e).message));
  };

  const changed = (e: ChangeEvent<HTMLInputElement>) => {
    const files = allPickedFromInput(e.target.files);
    e.target.value = '';
    photos.add(files);
  };

  return (
    <View className='photo-picker'>
      {photos.items.length > 0 ? (
        <View className='photo-picker__grid'>
          {photos.items.map((p, i) => (
            <View key={p.fileId} className='photo-picker__item'>
              <Image
                className='photo-picker__img'
                src={p.preview}
                mode='aspectFill'
                nativeProps={{ alt: `选好的第${i + 1}张照片` }}
              />
              <Text className='xz-muted'>第{i + 1}张</Text>
              <View className='xz-button xz-button--quiet photo-picker__remove' onClick={() => photos.remove(p.fileId)}>
                删掉
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View
        className={`xz-button xz-button--plain photo-picker__add${photos.uploading || full ? ' xz-button--disabled' : ''}`}
        onClick={open}
      >
        {photos.uploading ? '正在上传照片…' : full ? '照片已经满了' : `${label}（还能加${photos.room}张）`}
      </View>
      {photos.error ? <Text className='xz-text xz-error photo-picker__error'>{photos.error}</Text> : null}
      {process.env.TARO_ENV === 'h5' ? (
        <input
          ref={input}
          className='photo-picker__input'
          type='file'
          accept='image/jpeg,image/png,image/webp'
          multiple
          style={{ display: 'none' }}
          onChange={changed}
        />
      ) : null}
    </View>
  );
}
