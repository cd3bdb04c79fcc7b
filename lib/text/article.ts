/** "a Company", "an Agency": the indefinite article for an English word (by its first letter; enough for type names). */
export const withArticle = (word: string): string => `${/^[AEIOUaeiou]/.test(word) ? "an" : "a"} ${word}`;

/** "senate" -> "Senate", "a Company" -> "A Company": the first letter in capitals, the rest as it is. */
export const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
