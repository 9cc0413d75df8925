// Speed of wink-nlp (wink-eng-lite-web-model) on a text file: sentences,
// tokens, POS tags, entities (its dates/numbers etc.), as its "lite" pipeline
// gives them. Prints one JSON line: {"tokens", "seconds", "tokens_per_sec"}.
// Usage: node bench.js FILE [SECONDS]
'use strict';
const fs = require('fs');
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');

const file = process.argv[2];
const budget = Number(process.argv[3] || 5);
const text = fs.readFileSync(file, 'utf8');
const nlp = winkNLP(model, ['sbd', 'pos', 'ner', 'negation']);
const its = nlp.its;

// Warm up, then run for the time budget on one core (Node is single-threaded).
for (let i = 0; i < 20; i++) nlp.readDoc(text).tokens().out(its.pos);
let tokens = 0;
const start = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < budget) {
  const doc = nlp.readDoc(text);
  doc.sentences().length();
  tokens += doc.tokens().out(its.pos).length;
  doc.entities().out();
  elapsed = Number(process.hrtime.bigint() - start) / 1e9;
}
console.log(JSON.stringify({ tokens, seconds: elapsed, tokens_per_sec: tokens / elapsed }));
