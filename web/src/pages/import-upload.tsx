// The upload of an import's files: bytes sent of the form as the browser reports them (the job
// starts, with its own progress, once the server has every file).
import { Loading } from '../components/status';
import { formatBytes } from '../lib/import-files';

interface Props {
  /** Bytes of the chosen files. */
  bytes: number;
  sent: { sent: number; total: number } | undefined;
  /** "dry run" or "import". */
  what: string;
}

export function UploadProgress({ bytes, sent, what }: Props) {
  const label = `Sending the files (${formatBytes(bytes)}): the ${what} starts once the server has them`;
  if (!sent || sent.total <= 0) return <Loading label={`${label}…`} />;
  const pct = Math.min(100, Math.floor((sent.sent / sent.total) * 100));
  return (
    <div data-testid="import-upload">
      <div
        className="progress"
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <div style={{ width: `${pct}%` }} />
      </div>
      <p className="hint" role="status">
        {label} · {formatBytes(sent.sent)} sent · {pct}%
      </p>
    </div>
  );
}
