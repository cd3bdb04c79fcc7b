/** "a Company", "an Agency": the indefinite article for an English word (by its first letter; enough for type names). */
export const withArticle = (word: string): string => `${/^[AEIOUaeiou]/.test(word) ? "an" : "a"} ${word}`;
