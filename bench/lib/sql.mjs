// Splits a bench/sql/*.sql file into statements. A statement whose text contains a comment line
// `-- result: NAME` is a result query: its rows are kept under NAME. Used by the browser page
// (duckdb.mjs) and by node (bench.mjs, for listing). No dependencies.

/** Statements of `text`, split at `;` outside quotes and comments: [{ sql, result }]. */
export function splitSql(text) {
  const out = [];
  let start = 0;
  let i = 0;
  const n = text.length;
  const push = (end) => {
    const sql = text.slice(start, end).trim();
    start = end + 1;
    // Only comments left: not a statement.
    const code = sql.replace(/--[^\n]*/g, '').trim();
    if (!code) return;
    const marker = /^\s*--\s*result:\s*([A-Za-z0-9_]+)\s*$/m.exec(sql);
    out.push({ sql, result: marker ? marker[1] : null });
  };
  while (i < n) {
    const ch = text[i];
    if (ch === '-' && text[i + 1] === '-') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? n : nl + 1;
    } else if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      i = close < 0 ? n : close + 1;
    } else if (ch === ';') {
      push(i);
      i += 1;
    } else {
      i += 1;
    }
  }
  push(n);
  return out;
}

/** A JSON-friendly copy of an Arrow cell: BigInt -> Number, vectors/lists -> arrays. */
export function plain(value) {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value.toArray === 'function' && typeof value.length === 'number') {
    return Array.from(value.toArray(), plain);
  }
  if (ArrayBuffer.isView(value)) return Array.from(value, plain);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value.toJSON === 'function') return plain(value.toJSON());
  if (typeof value === 'object') {
    const o = {};
    for (const [k, v] of Object.entries(value)) o[k] = plain(v);
    return o;
  }
  return String(value);
}

/** Rows of an Arrow table as plain objects. */
export function tableRows(table) {
  const names = table.schema.fields.map((f) => f.name);
  const cols = names.map((name) => table.getChild(name));
  const rows = [];
  for (let r = 0; r < table.numRows; r += 1) {
    const row = {};
    names.forEach((name, j) => {
      row[name] = plain(cols[j].get(r));
    });
    rows.push(row);
  }
  return rows;
}
