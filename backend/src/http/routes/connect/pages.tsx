/** @jsxImportSource hono/jsx */
import type { Child } from "hono/jsx";

// The hosted connect pages: plain server-rendered HTML, no script, styled inline so they need no assets.

const STYLE = `
  body { font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, sans-serif; background: #f6f8fa; color: #1a1f36; margin: 0; }
  main { max-width: 34rem; margin: 12vh auto; background: #fff; border-radius: 8px; padding: 2.5rem; box-shadow: 0 2px 8px rgba(0,0,0,.08); }
  h1 { font-size: 1.4rem; margin: 0 0 1rem; }
  p { line-height: 1.5; }
  .button { display: inline-block; background: #635bff; color: #fff; padding: .75rem 1.25rem; border-radius: 6px; text-decoration: none; font-weight: 600; }
  .failure h1 { color: #c0123c; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .4rem 1rem; }
  dt { color: #697386; }
  code { background: #f6f8fa; padding: .1rem .3rem; border-radius: 4px; }
`;

function Layout(props: { title: string; kind?: "failure"; children: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title} · Tessera</title>
        <style>{STYLE}</style>
      </head>
      <body>
        <main class={props.kind ?? ""}>{props.children}</main>
      </body>
    </html>
  );
}

export function ConnectPage(props: { authorizeUrl: string }) {
  return (
    <Layout title="Connect your Stripe account">
      <h1>Connect your Stripe account to Tessera</h1>
      <p>
        Tessera turns your Stripe sales into license keys: each paid checkout or invoice makes the licenses its prices describe, and renewals,
        refunds and cancellations keep them in step.
      </p>
      <p>Stripe asks you to choose the account and approve Tessera's access, then brings you back here.</p>
      <p>
        <a class="button" href={props.authorizeUrl}>
          Connect with Stripe
        </a>
      </p>
      <p>
        <small>This link works once and for 10 minutes; reload the page for a new one.</small>
      </p>
    </Layout>
  );
}

export function ConnectedPage(props: { stripeAccountId: string; displayName: string | null; livemode: boolean; reconnected: boolean }) {
  return (
    <Layout title="Connected">
      <h1>{props.reconnected ? "Your Stripe account is connected again" : "Your Stripe account is connected"}</h1>
      <dl>
        <dt>Account</dt>
        <dd>
          {props.displayName ?? "—"} (<code>{props.stripeAccountId}</code>)
        </dd>
        <dt>Mode</dt>
        <dd>{props.livemode ? "Live" : "Test"}</dd>
      </dl>
      <p>
        From now on your paid checkouts and invoices make licenses. Open any subscription or payment in the Stripe Dashboard to see its licenses
        in the Tessera app; its settings page checks your price metadata.
      </p>
      {props.reconnected ? <p>Events that arrived while the account was disconnected can be replayed from the app's Failed events tab.</p> : null}
    </Layout>
  );
}

export function ConnectFailedPage(props: { message: string; canRetry: boolean }) {
  return (
    <Layout title="Not connected" kind="failure">
      <h1>The account was not connected</h1>
      <p>{props.message}</p>
      {props.canRetry ? (
        <p>
          <a class="button" href="/connect">
            Start again
          </a>
        </p>
      ) : null}
    </Layout>
  );
}
