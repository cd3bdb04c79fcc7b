// talisman ships no type declarations; these cover the two modules lib/resolution/similarity.ts uses.
declare module "talisman/metrics/jaro-winkler" {
  const jaroWinkler: ((a: string, b: string) => number) & { similarity: (a: string, b: string) => number };
  export default jaroWinkler;
  export const similarity: (a: string, b: string) => number;
}
declare module "talisman/phonetics/double-metaphone" {
  const doubleMetaphone: (word: string) => [string, string];
  export default doubleMetaphone;
}
