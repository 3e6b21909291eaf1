/**
 * Just enough RIFF/WAVE for the speech pipeline: where the PCM of a file starts and what it is,
 * and a canonical 44-byte header for the chunks we write. pocketsphinx_continuous skips exactly
 * 44 bytes and reads the rest as samples, so every WAV we hand an engine has that header and no
 * LIST/INFO chunk (ffmpeg adds one unless told `-bitexact`).
 */
import fs from 'node:fs/promises';

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** Byte offset of the first sample. */
  dataOffset: number;
  /** Bytes of samples (from the header, or up to the end of the file when the header says more). */
  dataBytes: number;
  durationSeconds: number;
}

/** The speech engines' input: 16 kHz, mono, signed 16-bit little-endian. */
export const SPEECH_SAMPLE_RATE = 16000;
export const BYTES_PER_SECOND = SPEECH_SAMPLE_RATE * 2;

export class WavFormatError extends Error {
  override name = 'WavFormatError';
}

/** Reads the chunk list up to `data`; the samples themselves are not read. */
export async function readWavInfo(file: string): Promise<WavInfo> {
  const handle = await fs.open(file, 'r');
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, 64 * 1024));
    await handle.read(head, 0, head.length, 0);
    if (head.length < 12 || head.toString('latin1', 0, 4) !== 'RIFF' || head.toString('latin1', 8, 12) !== 'WAVE') {
      throw new WavFormatError(`${file} is not a RIFF/WAVE file`);
    }
    let fmt: Omit<WavInfo, 'dataOffset' | 'dataBytes' | 'durationSeconds'> | null = null;
    for (let at = 12; at + 8 <= head.length; ) {
      const id = head.toString('latin1', at, at + 4);
      const length = head.readUInt32LE(at + 4);
      const body = at + 8;
      if (id === 'fmt ' && body + 16 <= head.length) {
        fmt = { channels: head.readUInt16LE(body + 2), sampleRate: head.readUInt32LE(body + 4), bitsPerSample: head.readUInt16LE(body + 14) };
      } else if (id === 'data') {
        if (!fmt) throw new WavFormatError(`${file}: data chunk before fmt chunk`);
        // A streamed WAV (ffmpeg to a pipe) leaves 0 or 0xFFFFFFFF: trust the file's size then.
        const dataBytes = length > 0 && body + length <= size ? length : size - body;
        const bytesPerSecond = fmt.sampleRate * fmt.channels * (fmt.bitsPerSample / 8);
        return { ...fmt, dataOffset: body, dataBytes, durationSeconds: bytesPerSecond ? dataBytes / bytesPerSecond : 0 };
      }
      at = body + length + (length % 2);
    }
    throw new WavFormatError(`${file}: no data chunk in its first ${head.length} bytes`);
  } finally {
    await handle.close();
  }
}

/** Refuses anything but what the engines read (16-bit mono at the given rate). */
export function assertSpeechWav(info: WavInfo, file: string, sampleRate = SPEECH_SAMPLE_RATE): void {
  if (info.channels !== 1 || info.bitsPerSample !== 16 || info.sampleRate !== sampleRate) {
    throw new WavFormatError(`${file} is ${info.sampleRate} Hz, ${info.channels} channel(s), ${info.bitsPerSample}-bit: expected ${sampleRate} Hz mono 16-bit PCM`);
  }
}

/** The canonical 44-byte header of a 16-bit mono PCM file holding `dataBytes` of samples. */
export function wavHeader(dataBytes: number, sampleRate = SPEECH_SAMPLE_RATE): Buffer {
  const h = Buffer.alloc(44);
  h.write('RIFF', 0, 'latin1');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVE', 8, 'latin1');
  h.write('fmt ', 12, 'latin1');
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write('data', 36, 'latin1');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}
