// A versioned schema migration: an id that sorts in apply order ("NNN-name") and its SQL.
export interface Migration {
  id: string;
  sql: string;
}
