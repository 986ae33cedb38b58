import type { ExtensionContextValue } from "@stripe/ui-extension-sdk/context";
import { getMockContextProps } from "@stripe/ui-extension-sdk/testing";
import type { render } from "@stripe/ui-extension-sdk/testing";
import { Button } from "@stripe/ui-extension-sdk/ui";

export const BACKEND = "https://tessera.test";

/** The Dashboard's context for a view: the mock user and account, this test's backend, and the page's object. */
export function contextFor(objectContext?: { id: string; object: string }): ExtensionContextValue {
  return getMockContextProps({
    environment: { constants: { BACKEND_URL: BACKEND }, ...(objectContext ? { objectContext } : {}) },
  });
}

type Wrapper = ReturnType<typeof render>["wrapper"];

/**
 * Flushes the view's async work until `ready` holds. One flush is not always enough (a load's answer may
 * trigger another load), so this polls for up to two seconds and then fails with what the view shows.
 */
export async function waitUntil(wrapper: Wrapper, ready: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    wrapper.act(() => null);
    if (ready()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}; the view shows: ${wrapper.text}`);
  }
}

export const waitForText = (wrapper: Wrapper, text: string) => waitUntil(wrapper, () => wrapper.text.includes(text), `"${text}"`);

/** The button with this label, or null. */
export const findButton = (wrapper: Wrapper, label: string) => wrapper.findAll(Button).find((node) => node.text === label) ?? null;

/** Types into the form field (TextField, TextArea, Select, Checkbox) with this label. */
export function fill(wrapper: Wrapper, label: string, value: string | boolean) {
  const field = wrapper.findWhere((node) => (node.props as { label?: unknown } | null)?.label === label && node.type !== null);
  if (!field) throw new Error(`No field labelled "${label}"; the view shows: ${wrapper.text}`);
  const target = typeof value === "boolean" ? { checked: value } : { value };
  field.triggerKeypath("onChange", { target });
}
