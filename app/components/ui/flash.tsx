// The notice that something was done (saved, recorded, changed), read out by screen readers as it appears.
import type { ReactNode } from "react";

/** Nothing when there is no `message`. */
export function StatusFlash({ message, testId }: { message: ReactNode; testId?: string }) {
  if (!message) return null;
  return (
    <p className="flash" role="status" data-testid={testId}>
      {message}
    </p>
  );
}
