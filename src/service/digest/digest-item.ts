// A digest's lead as a list item (name and company from the traits as the lead list reads them,
// the stored score, a link to the lead's page), and the links into the dashboard.
import type { DigestLead } from '../../store/port.js';
import type { DigestItem } from '../channels/message-data.js';

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

function nameOf(traits: Record<string, unknown>): string | null {
  return (
    text(traits.name) ??
    ([text(traits.first_name), text(traits.last_name)].filter(Boolean).join(' ') || null)
  );
}

/** The company's name: the lead's `company` trait (an object or a name), else its company's. */
function companyOf(lead: DigestLead): string | null {
  const trait = lead.traits.company;
  const fromTrait =
    typeof trait === 'object' && trait !== null
      ? text((trait as Record<string, unknown>).name)
      : text(trait);
  return fromTrait ?? (lead.companyTraits ? text(lead.companyTraits.name) : null);
}

const base = (publicUrl: string | undefined) => publicUrl?.replace(/\/+$/, '');

/** The lead's page in the dashboard; null without a public URL. */
export function leadLink(publicUrl: string | undefined, leadId: string): string | null {
  const root = base(publicUrl);
  return root === undefined ? null : `${root}/leads/${encodeURIComponent(leadId)}`;
}

/** The dashboard's "My leads"; null without a public URL. */
export function myLeadsLink(publicUrl: string | undefined): string | null {
  const root = base(publicUrl);
  return root === undefined ? null : `${root}/my-leads`;
}

export function digestItem(lead: DigestLead, publicUrl: string | undefined): DigestItem {
  return {
    id: lead.leadId,
    name: nameOf(lead.traits),
    company: companyOf(lead),
    // A lead handed over has been scored; 0 only for one whose score row went missing.
    score: lead.score ?? 0,
    grade: lead.grade,
    segment: lead.segment,
    since: lead.at,
    link: leadLink(publicUrl, lead.leadId),
  };
}
