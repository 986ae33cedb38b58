/** A request as the app sent it, with the JSON body parsed. */
export interface SentRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  headers: Record<string, string>;
}

export interface Answer {
  status?: number;
  body?: unknown;
}

type Route = (request: SentRequest, params: Record<string, string>) => Answer | Promise<Answer>;

/**
 * Stands in for the Tessera backend at the fetch level, so the app's real client builds, signs and parses
 * every call. Routes are `"METHOD /path/:param"`; an unrouted call answers 404 like the backend would.
 */
export function fakeBackend(routes: Record<string, Route | Answer> = {}) {
  const table = new Map<string, Route>();
  const requests: SentRequest[] = [];

  const on = (route: string, answer: Route | Answer) => {
    table.set(route, typeof answer === "function" ? answer : () => answer);
  };
  for (const [route, answer] of Object.entries(routes)) on(route, answer);

  const fetchMock = jest.fn(async (input: string, init: RequestInit = {}) => {
    const url = new URL(input);
    const request: SentRequest = {
      method: init.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      headers: { ...(init.headers as Record<string, string>) },
    };
    requests.push(request);
    const answer = await answerFor(request);
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { "Content-Type": "application/json" },
    });
  });

  async function answerFor(request: SentRequest): Promise<Answer> {
    for (const [route, handler] of table) {
      const [method, pattern] = route.split(" ") as [string, string];
      const params = matchPath(pattern, request.path);
      if (method === request.method && params) return handler(request, params);
    }
    return { status: 404, body: { error: { code: "not_found", message: `No route ${request.method} ${request.path}` } } };
  }

  global.fetch = fetchMock as unknown as typeof fetch;
  return {
    on,
    requests,
    /** The requests sent to one route, e.g. `sent("POST /dashboard/licenses/:id/disable")`. */
    sent: (route: string) => {
      const [method, pattern] = route.split(" ") as [string, string];
      return requests.filter((r) => r.method === method && matchPath(pattern, r.path));
    },
  };
}

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const names: string[] = [];
  const source = pattern.replace(/:([a-zA-Z]+)/g, (_, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  const match = new RegExp(`^${source}$`).exec(path);
  if (!match) return null;
  return Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}

/** The backend's refusal body, as ApiErrorBody describes it. */
export const refusal = (status: number, code: string, message: string): Answer => ({ status, body: { error: { code, message } } });
