// The ✕ button that removes one item of a list in the model form.
import { SmallButton } from './small-button';

/** `what` names the item for screen readers: "criterion demo" reads "Remove criterion demo". */
export function RemoveButton({ what, onClick }: { what: string; onClick: () => void }) {
  return (
    <SmallButton danger label={`Remove ${what}`} onClick={onClick}>
      ✕
    </SmallButton>
  );
}
