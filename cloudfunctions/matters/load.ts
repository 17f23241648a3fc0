import { AppError } from '../../core/errors';
import { matterSettings, type MatterSettings } from '../../core/matter/settings';
import type { DocOps } from '../shared/store/port';
import type { StoredMatter, VillageWithMatterSettings } from './records';

/**
 * Reading a matter for an action: it must exist, and the caller must reach its village. The
 * village check is the policy's (authorize), asked with the record's own village, never the body's.
 */
export async function loadMatter(
  ops: Pick<DocOps, 'get'>,
  authorize: (resource: { villageId: string }) => void,
  matterId: string,
): Promise<StoredMatter> {
  const matter = await ops.get<StoredMatter>('matters', matterId);
  if (!matter) throw new AppError('NOT_FOUND', '没有找到这件事');
  authorize({ villageId: matter.villageId });
  return matter;
}

export interface VillageMatterRules {
  readonly settings: MatterSettings;
  readonly delegatesAuthorised: boolean;
}

/** The village's own day counts and charter choices; defaults where it has set none. */
export async function villageRules(ops: Pick<DocOps, 'get'>, villageId: string): Promise<VillageMatterRules> {
  const village = await ops.get<VillageWithMatterSettings>('villages', villageId);
  return {
    settings: matterSettings(village?.matterSettings ?? {}),
    delegatesAuthorised: village?.delegatesAuthorised === true,
  };
}
