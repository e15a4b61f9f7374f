// The store methods that keep two server processes from running the same background job: a
// job is run by the process holding its lease, which it renews while it runs; a lease that ran
// out belongs to a process that died, so another may take the job over.
export interface JobLeaseMethods {
  /**
   * Takes or renews the job's lease for `owner` until `until`: true when the job was free (never
   * leased, released, or its lease ran out by `now`) or already `owner`'s; false when another
   * owner holds a live lease (or there is no such job). `takeOverFrom` names an owner known to
   * be dead (a process of this machine that is gone) whose live lease may be taken.
   */
  leaseJob(
    ws: string,
    id: string,
    owner: string,
    until: number,
    now: number,
    takeOverFrom?: string,
  ): Promise<boolean>;
  /** Who holds the job's lease (live or not); null when nobody does. */
  jobLeaseOwner(ws: string, id: string): Promise<string | null>;
  /** Gives the lease up, if `owner` holds it. */
  releaseJob(ws: string, id: string, owner: string): Promise<void>;
}
