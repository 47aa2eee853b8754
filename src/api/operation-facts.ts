// What the API document says about one operation, in the form resource specs need it.
// src/api/operation-index.ts holds these facts for every operation (generated).

export interface OperationFacts {
  /** The document's operationId. */
  id: string;
  /** Any one of these scopes allows the call. */
  scopes: readonly string[];
  /** The success status the document gives. */
  status: number;
  /** Path parameters, with their enum values where the document has them. */
  pathParams?: Readonly<Record<string, readonly string[] | null>>;
  /**
   * List operations: the paging parameters it accepts (`offset`: page/per_page, `checkpoint`:
   * from/take; none for a bare array reply) and whether it takes include_totals.
   */
  paging?: {
    styles: readonly ('offset' | 'checkpoint')[];
    totals: boolean;
    /** The largest `take` the operation accepts, where that is below the usual page of 100. */
    maxTake?: number;
  };
  /** List operations: the reply's array field (`clients`), '' when the reply is a bare array. */
  listKey?: string;
  /** The component schema of the JSON request body, when it is one. */
  requestSchema?: string;
  /** Top-level fields of the JSON request body. */
  requestFields?: readonly string[];
  /** Top-level fields of the success response (of each item, for a list). */
  responseFields?: readonly string[];
  /** Request body fields (dotted, `*` for array elements) whose format says they hold an id. */
  referenceFields?: Readonly<Record<string, string>>;
}
