import type { OutputOf } from '../../core/action';
import { AppError } from '../../core/errors';
import type { meetings, recordMeeting } from '../../core/matter/actions';
import { canRecordMeeting, meetingDateOk } from '../../core/matter/meetings';
import { appendAudit } from '../shared/audit';
import { callerOf, type ActionContext } from '../shared/handler';
import { once } from '../shared/once';
import { idFor } from './ids';
import { loadMatter } from './load';
import { checkPhotos } from './photos';
import type { MeetingRecord, StoredMatter } from './records';
import { touched } from './steps';
import { appendEvents } from './timeline';

/**
 * 议事协商会: the minutes a vote or a committee decision rests on. Recording one raises the
 * matter's meetingCount, which the lifecycle reads (MEETING_REQUIRED), in the same transaction.
 */
type MeetingView = OutputOf<typeof recordMeeting>;

/** A matter has a handful of meetings; the page shows them all. */
const MAX_MEETINGS = 100;

function meetingView(m: MeetingRecord): MeetingView {
  return {
    id: m._id,
    matterId: m.matterId,
    heldAt: m.heldAt,
    place: m.place,
    attendees: m.attendees,
    minutes: m.minutes,
    outcome: m.outcome,
    photos: [...m.photos],
    recordedByName: m.recordedByName,
    recordedAt: m.recordedAt,
  };
}

export async function recordOneMeeting(ctx: ActionContext<typeof recordMeeting>): Promise<MeetingView> {
  const caller = callerOf(ctx);
  const input = ctx.input;
  const before = await loadMatter(ctx.store, ctx.authorize, input.matterId);
  const id = idFor('mt', before._id, caller.accountId, input.clientId);
  // Recorded again after the network dropped the answer, or twice at once: one meeting (shared/once.ts).
  const done = await once<MeetingRecord>(ctx.store, 'meetings', id, input.clientId !== undefined, async () => {
    if (!canRecordMeeting(before.state)) throw new AppError('INVALID_TRANSITION', '只有大家商量中的事才能记议事协商会');
    const now = ctx.clock.now();
    if (!meetingDateOk(input.heldAt, now)) {
      throw new AppError('INVALID_INPUT', '会议日期不能晚于今天', [
        { path: 'heldAt', message: '会议日期不能晚于今天' },
      ]);
    }
    const photos = await checkPhotos(ctx.files, caller, input.photos);
    const record: MeetingRecord = {
      _id: id,
      villageId: before.villageId,
      matterId: before._id,
      heldAt: input.heldAt,
      place: input.place,
      attendees: input.attendees,
      minutes: input.minutes,
      outcome: input.outcome,
      photos,
      recordedBy: caller.accountId,
      recordedByName: caller.name,
      recordedAt: now,
    };
    return ctx.store.transaction(async (tx) => {
      const m = await tx.get<StoredMatter>('matters', before._id);
      if (!m) throw new AppError('NOT_FOUND', '没有找到这件事');
      if (!canRecordMeeting(m.state)) throw new AppError('INVALID_TRANSITION');
      await tx.insert<MeetingRecord>('meetings', record);
      const events = await appendEvents(tx, m, now, [{ kind: 'MeetingRecorded', by: caller, text: record.outcome }]);
      await tx.update<StoredMatter>(
        'matters',
        m._id,
        { meetingCount: m.meetingCount + 1, eventSeq: events.eventSeq, ...touched(m, now) },
        { expectVersion: m.version },
      );
      await appendAudit(tx, caller, now, {
        scope: m.villageId,
        action: 'matters.recordMeeting',
        target: { collection: 'meetings', id: record._id },
        before: null,
        after: {
          matterId: m._id,
          heldAt: record.heldAt,
          place: record.place,
          attendees: record.attendees,
          outcome: record.outcome,
        },
      });
      return record;
    });
  });
  return meetingView(done);
}

export async function listMeetings(ctx: ActionContext<typeof meetings>): Promise<OutputOf<typeof meetings>> {
  const m = await loadMatter(ctx.store, ctx.authorize, ctx.input.matterId);
  const rows = await ctx.store.find<MeetingRecord>(
    'meetings',
    { matterId: m._id },
    { sort: [['heldAt', 'asc']], limit: MAX_MEETINGS },
  );
  return rows.map(meetingView);
}
