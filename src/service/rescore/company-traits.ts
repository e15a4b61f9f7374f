// Company traits read once per company during a pass over many leads.
import type { JsonObject, Lead, Store } from '../../store/port.js';

export class CompanyTraits {
  private readonly known = new Map<string, JsonObject | undefined>();

  constructor(
    private readonly store: Store,
    private readonly ws: string,
  ) {}

  /** The traits of the lead's company; undefined without one (or for one that is gone). */
  async of(lead: Lead): Promise<JsonObject | undefined> {
    if (!lead.companyId) return undefined;
    if (!this.known.has(lead.companyId))
      this.known.set(
        lead.companyId,
        (await this.store.getCompany(this.ws, lead.companyId))?.traits,
      );
    return this.known.get(lead.companyId);
  }
}
