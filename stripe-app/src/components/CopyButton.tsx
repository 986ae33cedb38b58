import { Button, Icon } from "@stripe/ui-extension-sdk/ui";
import { clipboardWriteText, showToast } from "@stripe/ui-extension-sdk/utils";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const copy = async () => {
    await clipboardWriteText(text);
    await showToast(`${label} copied`, { type: "success" });
  };
  return (
    <Button size="small" onPress={copy}>
      <Icon name="clipboard" size="xsmall" />
      Copy
    </Button>
  );
}
