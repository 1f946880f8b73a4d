"use strict";
// The words of ideate's pages, in one language: the server writes a page's phrases into its
// #strings element (each phrase's forms and the language's plural rule, a C expression over n
// as gettext writes it), and this reads them. Shared by the phone page and the idea box page.
const ideateStrings = (function () {
  const STRINGS = JSON.parse(document.getElementById("strings").textContent);
  const LANG = document.documentElement.lang;
  const pluralIndex = pluralRule(STRINGS["@plural"]);
  function pluralRule(expression) {
    const tokens = String(expression).match(/\d+|n|==|!=|<=|>=|&&|\|\||[<>!%?:()]/g) || ["0"];
    let at = 0;
    const levels = [["||"], ["&&"], ["==", "!="], ["<", ">", "<=", ">="], ["%"]];
    const apply = {
      "||": (a, b) => +(a || b), "&&": (a, b) => +(a && b), "==": (a, b) => +(a === b), "!=": (a, b) => +(a !== b),
      "<": (a, b) => +(a < b), ">": (a, b) => +(a > b), "<=": (a, b) => +(a <= b), ">=": (a, b) => +(a >= b), "%": (a, b) => a % b,
    };
    function primary() {
      const token = tokens[at++];
      if (token === "(") { const inner = conditional(); at++; return inner; }
      if (token === "!") { const operand = primary(); return (n) => +!operand(n); }
      if (token === "n") return (n) => n;
      const value = Number(token) || 0;
      return () => value;
    }
    function binary(level) {
      if (level === levels.length) return primary();
      let left = binary(level + 1);
      while (levels[level].includes(tokens[at])) {
        const op = apply[tokens[at++]], l = left, r = binary(level + 1);
        left = (n) => op(l(n), r(n));
      }
      return left;
    }
    function conditional() {
      const test = binary(0);
      if (tokens[at] !== "?") return test;
      at++;
      const yes = conditional();
      at++;
      const no = conditional();
      return (n) => (test(n) ? yes(n) : no(n));
    }
    return conditional();
  }
  function number(value) { return Number(value).toLocaleString(LANG === "en-XA" ? "en" : LANG); }
  // A phrase with its {placeholders} filled; `count` chooses the plural form.
  function t(key, args) {
    args = args || {};
    let text = STRINGS[key];
    if (Array.isArray(text)) text = text[Math.min(text.length - 1, pluralIndex(Number(args.count) || 0))];
    if (typeof text !== "string") return key;
    return text.replace(/\{(\w+)\}/g, (all, name) => name in args ? (typeof args[name] === "number" ? number(args[name]) : String(args[name])) : all);
  }
  window.ideateText = t;
  return { t, number, lang: LANG };
})();
