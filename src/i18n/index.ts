import strings from "./strings/en_EN.json" with { type: "json" };

/** Values for `%(name)s` placeholders; a numeric `count` also selects the plural form. */
export type TranslationVariables = Record<string, string | number>;

/** The CLDR plural categories a plural entry may carry. */
type PluralForm = "zero" | "one" | "two" | "few" | "many" | "other";

/** True for an object whose keys are all plural forms and include `other`: a plural entry. */
type IsPlural<T> = T extends object
    ? "other" extends keyof T
        ? Exclude<keyof T, PluralForm> extends never
            ? true
            : false
        : false
    : false;

/**
 * The `|`-joined paths of every sentence (or plural entry) under a node of the strings file.
 * Derived from the JSON's nested structure, so a key that is not in `en_EN.json` does not compile.
 */
type KeysOf<T> = {
    [K in keyof T & string]: T[K] extends string ? K : IsPlural<T[K]> extends true ? K : `${K}|${KeysOf<T[K]>}`;
}[keyof T & string];

/** Every valid translation key, e.g. `"auth|login|title"`. */
export type TranslationKey = KeysOf<typeof strings>;

/** A node of the strings file: a sentence, a plural pair (`one`/`other`) or a nested area. */
type TranslationNode = string | { [key: string]: TranslationNode };

const englishPlurals = new Intl.PluralRules("en");
const PLACEHOLDER = /%\((\w+)\)s/g;

function lookup(root: TranslationNode, key: string): TranslationNode | undefined {
    let node: TranslationNode | undefined = root;
    for (const part of key.split("|")) {
        if (node === undefined || typeof node === "string") return undefined;
        node = node[part];
    }
    return node;
}

function pickTemplate(node: TranslationNode | undefined, vars: TranslationVariables | undefined): string | undefined {
    if (typeof node === "string") return node;
    if (node === undefined || typeof vars?.count !== "number") return undefined;
    const form = node[englishPlurals.select(vars.count)] ?? node.other;
    return typeof form === "string" ? form : undefined;
}

/**
 * Translates a string key into the user's language (English only for now).
 *
 * Keys are nested with `|` (`"auth|login|title"`) as in `strings/en_EN.json`. A key whose value
 * is an object with `one`/`other` entries is a plural: `vars.count` picks the form.
 * @param key - the `|`-separated path of the string
 * @param vars - values for `%(name)s` placeholders
 * @returns the translated sentence; the key itself when it is missing, so the gap is visible
 */
export function _t(key: TranslationKey, vars?: TranslationVariables): string {
    const template = pickTemplate(lookup(strings as TranslationNode, key), vars);
    if (template === undefined) {
        console.warn(`i18n: missing string for "${key}"`);
        return key;
    }
    if (!vars) return template;
    return template.replace(PLACEHOLDER, (whole, name: string) => {
        const value = vars[name];
        return value === undefined ? whole : String(value);
    });
}
