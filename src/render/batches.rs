//! A long listing's records turned into text on every core, and written in their order.
//!
//! The records are made here, one batch at a time; each batch is turned into bytes on a worker
//! of its own, and the bytes are written in the batches' order. A few batches are in flight at
//! once, so that a listing of any length holds little more than its catalogue. A listing of
//! one batch or less is written here, without a thread.

use std::io::{self, Write};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

/// Records in a batch: enough that handing one over costs little beside its text, few enough
/// that the batches in flight are little memory.
pub const BATCH: usize = 256;

/// How many batches each worker may have in flight: one it works on, one waiting.
const IN_FLIGHT: usize = 2;

/// Writes `records` to `out` as `write` turns them into bytes, batch by batch and in order.
/// `write` is given its worker's state (made by `state`, one for each worker, kept from batch
/// to batch), the place of the batch's first record among all, the batch, and the bytes to
/// add to.
pub fn write<R: Send, S>(
    records: impl Iterator<Item = R>,
    out: &mut dyn Write,
    state: impl Fn() -> S + Sync,
    write: impl Fn(&mut S, usize, &[R], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    write_by(records, BATCH, out, state, write)
}

/// `write`, with batches of `per_batch` records (records that are each many, say).
pub fn write_by<R: Send, S>(
    records: impl Iterator<Item = R>,
    per_batch: usize,
    out: &mut dyn Write,
    state: impl Fn() -> S + Sync,
    write: impl Fn(&mut S, usize, &[R], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let threads = crate::cores();
    write_on(records, per_batch, out, threads, state, write)
}

/// `write` on `threads` workers (none below two).
pub(super) fn write_on<R: Send, S>(
    records: impl Iterator<Item = R>,
    per_batch: usize,
    out: &mut dyn Write,
    threads: usize,
    state: impl Fn() -> S + Sync,
    write: impl Fn(&mut S, usize, &[R], &mut Vec<u8>) -> io::Result<()> + Sync,
) -> io::Result<()> {
    let per_batch = per_batch.max(1);
    let mut records = records.peekable();
    let first: Vec<R> = records.by_ref().take(per_batch).collect();
    let mut bytes = Vec::new();
    if records.peek().is_none() || threads < 2 {
        let mut state = state();
        let (mut start, mut batch) = (0, first);
        while !batch.is_empty() {
            bytes.clear();
            write(&mut state, start, &batch, &mut bytes)?;
            out.write_all(&bytes)?;
            start += batch.len();
            batch.clear();
            batch.extend(records.by_ref().take(per_batch));
        }
        return Ok(());
    }
    let (state, write) = (&state, &write);
    std::thread::scope(|scope| {
        let mut workers: Vec<Worker<R>> = Vec::new();
        let mut handles = Vec::new();
        for _ in 0..threads {
            let (send_batch, batches) = sync_channel::<Job<R>>(IN_FLIGHT - 1);
            let (send_bytes, done) = sync_channel(1);
            handles.push(scope.spawn(move || {
                let mut state = state();
                for (start, batch, mut bytes) in batches {
                    let made = write(&mut state, start, &batch, &mut bytes).map(|()| bytes);
                    drop(batch);
                    if send_bytes.send(made).is_err() {
                        return;
                    }
                }
            }));
            workers.push((send_batch, done));
        }
        let result = (|| {
            let (mut sent, mut written, mut start) = (0, 0, 0);
            let mut next = Some(first);
            // The room of the bytes last written, for the next batch's.
            let mut spare = Vec::new();
            let mut ended = false;
            loop {
                while !ended && sent - written < IN_FLIGHT * threads {
                    let batch = match next.take() {
                        Some(batch) => batch,
                        None => records.by_ref().take(per_batch).collect(),
                    };
                    if batch.is_empty() {
                        ended = true;
                        break;
                    }
                    let len = batch.len();
                    let job = (start, batch, std::mem::take(&mut spare));
                    if workers[sent % threads].0.send(job).is_err() {
                        return Err(worker_failed());
                    }
                    (sent, start) = (sent + 1, start + len);
                }
                if written == sent {
                    return Ok(());
                }
                let bytes = workers[written % threads]
                    .1
                    .recv()
                    .map_err(|_| worker_failed())??;
                out.write_all(&bytes)?;
                written += 1;
                spare = bytes;
                spare.clear();
            }
        })();
        // Workers waiting to hand over bytes no longer wanted stop once these are dropped.
        drop(workers);
        for handle in handles {
            // Joined here, a worker's panic is the error above, not the scope's.
            let _ = handle.join();
        }
        result
    })
}

/// A batch for a worker: the place of its first record, its records, and room for its bytes.
type Job<R> = (usize, Vec<R>, Vec<u8>);

/// Where a worker is handed its batches, and where it hands back their bytes.
type Worker<R> = (SyncSender<Job<R>>, Receiver<io::Result<Vec<u8>>>);

/// A worker only stops early on a bug: say so, rather than crash.
fn worker_failed() -> io::Error {
    io::Error::other("internal error while writing the output; please report it")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each record as a line naming its place, as a worker sees it.
    fn lines(count: usize, threads: usize) -> String {
        let mut out = Vec::new();
        write_on(
            0..count,
            BATCH,
            &mut out,
            threads,
            || (),
            |(), start, batch, bytes| {
                for (i, record) in batch.iter().enumerate() {
                    writeln!(bytes, "{} {record}", start + i)?;
                }
                Ok(())
            },
        )
        .unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn batches_are_written_in_order_whatever_the_workers() {
        for count in [0, 1, BATCH - 1, BATCH, BATCH + 1, 7 * BATCH + 3] {
            let expected: String = (0..count)
                .map(|i| format!("{i} {i}\n"))
                .collect::<Vec<_>>()
                .concat();
            for threads in [1, 2, 3] {
                assert_eq!(lines(count, threads), expected, "{count} records on {threads}");
            }
        }
    }

    struct Closed;
    impl Write for Closed {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_failed_batch_or_write_stops_the_listing_with_its_error() {
        for threads in [1, 2] {
            let mut out = Vec::new();
            let failed = write_on(
                0..10 * BATCH,
                BATCH,
                &mut out,
                threads,
                || (),
                |(), start, _, bytes| {
                    if start >= 3 * BATCH {
                        return Err(io::Error::other("bad record"));
                    }
                    bytes.push(b'.');
                    Ok(())
                },
            )
            .unwrap_err();
            assert_eq!(failed.to_string(), "bad record");
            assert_eq!(out, b"...", "on {threads}");
        }
        let closed = write_on(
            0..10 * BATCH,
            BATCH,
            &mut Closed,
            2,
            || (),
            |(), _, _, bytes| {
                bytes.push(b'.');
                Ok(())
            },
        )
        .unwrap_err();
        assert_eq!(closed.kind(), io::ErrorKind::BrokenPipe);
    }
}
