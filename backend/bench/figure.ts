/** One benchmark figure, as stored in bench/results/latest.json. */
export interface Figure {
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
}
