import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { InputOf } from '../../core/action';
import type { checkIn } from '../../core/visits/actions';
import { call } from '../services/api';
import { uploadFile } from '../services/files';
import {
  Outbox,
  type DrainResult,
  type OutboxEntry,
  type OutboxPhotos,
  type PhotoRef,
  type SentNote,
} from '../services/outbox';

/**
 * The offline queue on this phone: Taro's storage for the records, and for photos taken offline
 * - weapp: files saved under USER_DATA_PATH (a temporary photo may be reclaimed by WeChat at any time);
 * - H5: Blobs in IndexedDB (localStorage holds only a few MB of text).
 * It drains when the network comes back (WeChat's network events; the browser's `online` event, since
 * Taro's H5 network API does not notice going offline), when the app is shown again, and when a
 * visits page is shown.
 */

const storage = {
  get: (key: string): unknown => Taro.getStorageSync(key) as unknown,
  set: (key: string, value: unknown) => Taro.setStorageSync(key, value),
  remove: (key: string) => Taro.removeStorageSync(key),
};

// ---- H5: IndexedDB ------------------------------------------------------------------------------

const DB = 'xz-outbox';
const PHOTOS = 'photos';
let dbOpen: Promise<IDBDatabase> | null = null;

function db(): Promise<IDBDatabase> {
  dbOpen ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(PHOTOS);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(new Error('手机上存不了照片'));
  });
  return dbOpen;
}

async function idb<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const d = await db();
  return new Promise((resolve, reject) => {
    const tx = d.transaction(PHOTOS, mode);
    const req = work(tx.objectStore(PHOTOS));
    tx.oncomplete = () => resolve(req.result as T);
    tx.onerror = () => reject(new Error('手机上存不了照片'));
  });
}

const h5Photos: OutboxPhotos = {
  async keep(key, photo) {
    if (!(photo instanceof Blob)) throw new Error('照片没有存上');
    await idb('readwrite', (s) => s.put(photo, key));
    return key;
  },
  async upload(ref, accountId) {
    const blob = await idb<Blob | undefined>('readonly', (s) => s.get(ref.key));
    if (!(blob instanceof Blob)) return null;
    return uploadFile('photo', { name: ref.name, size: blob.size, blob }, accountId);
  },
  async drop(ref) {
    await idb('readwrite', (s) => s.delete(ref.key));
  },
};

// ---- weapp: saved files -------------------------------------------------------------------------

function extOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1).toLowerCase() : 'jpg';
}

const weappPhotos: OutboxPhotos = {
  keep(key, photo) {
    if (typeof photo !== 'string') return Promise.reject(new Error('照片没有存上'));
    const fs = Taro.getFileSystemManager();
    return new Promise((resolve, reject) => {
      fs.saveFile({
        tempFilePath: photo,
        filePath: `${Taro.env.USER_DATA_PATH}/outbox-${key}.${extOf(photo)}`,
        success: (r) => resolve(r.savedFilePath),
        fail: () => reject(new Error('手机空间不够，照片没有存上')),
      });
    });
  },
  upload(ref, accountId) {
    const fs = Taro.getFileSystemManager();
    try {
      fs.accessSync(ref.key);
    } catch {
      return Promise.resolve(null);
    }
    return uploadFile('photo', { name: ref.name, size: ref.size, path: ref.key }, accountId);
  },
  drop(ref: PhotoRef) {
    return new Promise((resolve) => {
      Taro.getFileSystemManager().unlink({ filePath: ref.key, complete: () => resolve() });
    });
  },
};

// ---- network ------------------------------------------------------------------------------------

let weappOnline = true;

function online(): boolean {
  if (process.env.TARO_ENV === 'h5') return typeof navigator === 'undefined' || navigator.onLine;
  return weappOnline;
}

export const outbox = new Outbox({
  storage,
  photos: process.env.TARO_ENV === 'h5' ? h5Photos : weappPhotos,
  async send(payload) {
    const r = await call('visits.checkIn', payload as unknown as InputOf<typeof checkIn>);
    return { visitId: r.visit.id };
  },
  online,
  now: () => Date.now(),
});

let listening = false;

/** Starts listening for the network once per app run; later calls only drain. */
export function startOutbox(): void {
  if (!listening) {
    listening = true;
    if (process.env.TARO_ENV === 'h5') {
      window.addEventListener('online', () => void outbox.drain());
      // The browser's "app shown again": the tab comes back to the front.
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') void outbox.drain();
      });
    } else {
      Taro.getNetworkType({
        success: (r) => {
          weappOnline = r.networkType !== 'none';
        },
      });
      Taro.onNetworkStatusChange((r) => {
        weappOnline = r.isConnected;
        if (r.isConnected) void outbox.drain();
      });
      Taro.onAppShow(() => void outbox.drain());
    }
  }
  void outbox.drain();
}

export interface OutboxView {
  readonly entries: readonly OutboxEntry[];
  readonly sent: readonly SentNote[];
  readonly online: boolean;
  readonly last: DrainResult | null;
  readonly busy: boolean;
  sendNow(): void;
}

/** What waits on this phone, kept current as the queue changes and the network comes and goes. */
export function useOutbox(): OutboxView {
  const [entries, setEntries] = useState<readonly OutboxEntry[]>(() => outbox.list());
  const [sent, setSent] = useState<readonly SentNote[]>(() => outbox.sent());
  const [isOnline, setOnline] = useState(online());
  const [last, setLast] = useState<DrainResult | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const refresh = () => {
      setEntries(outbox.list());
      setSent(outbox.sent());
      setOnline(online());
    };
    const off = outbox.subscribe(refresh);
    if (process.env.TARO_ENV === 'h5') {
      window.addEventListener('online', refresh);
      window.addEventListener('offline', refresh);
    }
    return () => {
      off();
      if (process.env.TARO_ENV === 'h5') {
        window.removeEventListener('online', refresh);
        window.removeEventListener('offline', refresh);
      }
    };
  }, []);
  const sendNow = () => {
    setBusy(true);
    outbox
      .drain()
      .then(setLast)
      .finally(() => {
        setBusy(false);
        setOnline(online());
      });
  };
  return { entries, sent, online: isOnline, last, busy, sendNow };
}

/** Runs `after` each time a check-in gets through while the page is open (its lists are then out of date). */
export function useAfterSent(sent: readonly SentNote[], after: () => void): void {
  const last = sent.length > 0 ? sent[0].clientId : '';
  const seen = useRef(last);
  useEffect(() => {
    if (last && last !== seen.current) {
      seen.current = last;
      after();
    }
  }, [last, after]);
}
