/** One benchmark figure, as stored in bench/results/latest.json. */
export interface Figure {
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

export const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
