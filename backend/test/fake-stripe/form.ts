// Stripe's v1 API takes qs-style bracket keys in both query strings and form bodies:
// the SDK sends `expand[0]=product` and `metadata[license_keys]=...`, curl users send `expand[]=product`.
export type FormValue = string | FormValue[] | { [key: string]: FormValue };
export type FormObject = { [key: string]: FormValue };

function splitKey(key: string): string[] {
  const open = key.indexOf("[");
  if (open <= 0) return [key];
  const segments = [key.slice(0, open)];
  for (const match of key.slice(open).matchAll(/\[([^\]]*)\]/g)) segments.push(match[1] ?? "");
  return segments;
}

// Containers are built as objects first; `[]` pushes get the next free index, and any object whose keys
// are all indices becomes an array afterwards, so `a[]` and `a[0]` parse alike.
function assign(target: FormObject, segments: string[], value: string): void {
  let node = target;
  for (let i = 0; i < segments.length; i++) {
    let segment = segments[i] ?? "";
    if (segment === "") segment = String(Object.keys(node).length);
    if (i === segments.length - 1) {
      node[segment] = value;
      return;
    }
    const next = node[segment];
    if (typeof next !== "object" || Array.isArray(next)) node[segment] = {};
    node = node[segment] as FormObject;
  }
}

function arraysFromIndices(value: FormValue): FormValue {
  if (typeof value === "string" || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  const entries = keys.map((key) => [key, arraysFromIndices(value[key] ?? "")] as const);
  if (keys.length > 0 && keys.every((key) => /^\d+$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

export function parseForm(params: URLSearchParams): FormObject {
  const raw: FormObject = {};
  for (const [key, value] of params) assign(raw, splitKey(key), value);
  return arraysFromIndices(raw) as FormObject;
}

export function stringList(value: FormValue | undefined): string[] {
  if (value === undefined) return [];
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === "string");
  return [];
}
