"""Features of candidate triggers and their arguments: plain strings for linear models.

The learned coder asks two questions of a sentence (:mod:`watchfloor.facts.events.tuples`):

- does it state an event of PLOVER type T? :func:`type_features` reads every
  candidate trigger of type T: its lemma, part of speech, dependency, children
  and lexicon evidence, each also joined with T, and the sentence's actor count;
- which of its actors (or nobody) is the source, and which the target?
  :func:`argument_features` reads an actor from its nearest trigger of type T:
  the dependency path (whole, and backed off to its first and last steps), its
  actor type, its side of the trigger, whether it is the nearest actor, and what
  the hand-written rules made of it.
"""

from __future__ import annotations

from watchfloor.facts.events.candidates import Argument, TriggerCandidate


def type_features(candidates: list[TriggerCandidate], type_: str) -> list[str]:
    """The features of reading the sentence (its ``candidates``) as stating a ``type_`` event."""
    typed = [c for c in candidates if type_ in c.types]
    actors = min(len(candidates[0].arguments) - 1, 3) if candidates else 0
    feats = {f"T={type_}", f"triggers|{type_}={min(len(typed), 3)}"}
    feats |= {f"actors={actors}", f"actors|{type_}={actors}"}
    for candidate in typed:
        evidence = candidate.typed[type_]
        feats |= {f"lex={e}" for e in evidence} | {f"lex|{type_}={e}" for e in evidence}
        feats.add(f"lexset|{type_}=" + "+".join(evidence))
        feats |= set(candidate.base) | {f"{f}|{type_}" for f in candidate.base}
        feats.add(f"ntypes|{type_}={min(len(candidate.types), 3)}")
        if any(e["type"] == type_ for e in candidate.rule_facts):
            feats |= {"rule", f"rule|{type_}"}
        elif candidate.rule_facts:
            feats.add(f"rule_other|{type_}")
    return sorted(feats)


def argument_key(argument: Argument) -> str | None:
    return argument.actor.key if argument.actor is not None else None


def nearest_trigger(
    typed: list[TriggerCandidate], key: str | None
) -> tuple[TriggerCandidate, Argument]:
    """The trigger of ``typed`` nearest (in the parse) to the actor ``key``, and the actor
    as seen from it."""
    best: tuple[int, TriggerCandidate, Argument] | None = None
    for candidate in typed:
        argument = next(a for a in candidate.arguments if argument_key(a) == key)
        if best is None or argument.distance < best[0]:
            best = (argument.distance, candidate, argument)
    if best is None:
        raise ValueError("no trigger")
    return best[1], best[2]


def role_features(
    role: str, typed: list[TriggerCandidate], type_: str, key: str | None
) -> list[str]:
    """The features of the actor ``key`` (None: nobody) as the ``role`` ("S" source or
    "O" target) of a ``type_`` event stated by the triggers ``typed``."""
    candidate, argument = nearest_trigger(typed, key)
    return [f"{role}:T={type_}"] + [
        f"{role}:{f}" for f in argument_features(candidate, type_, argument)
    ]


def argument_features(candidate: TriggerCandidate, type_: str, argument: Argument) -> list[str]:
    """The features of one argument of one candidate trigger typed ``type_``."""
    trigger = candidate.token
    passive = any(c.dep_ == "auxpass" for c in trigger.children)
    lemma = trigger.lemma_.lower()
    ruled = [f"rule={r[:2]}{'same' if r[2:] == type_ else 'other'}" for r in argument.rules]
    token = argument.token
    if argument.actor is None or token is None:
        return ["nobody", f"nobody|{type_}", f"nobody|passive={passive}", f"nobody|{lemma}", *ruled]
    path = argument.path
    up, _, down = path.partition("v")
    steps = path.replace("^", " ^").replace("v", " v").split()
    first, last = (steps[0], steps[-1]) if steps else (path, path)
    feats = [
        "path=" + path,
        f"path|{type_}={path}",
        f"path|passive={passive}={path}",
        f"path|{lemma}={path}",
        "up=" + up,
        "down=v" + down,
        f"first={first}",
        f"last={last}",
        f"last|{type_}={last}",
        f"first_last={first}{last}",
        f"first_last|{trigger.pos_}={first}{last}",
        f"length={min(argument.distance, 7)}",
        f"actor_type={argument.actor.type}",
        f"actor_type|{type_}={argument.actor.type}",
        f"before={token.i < trigger.i}",
        f"before|{type_}={token.i < trigger.i}",
        f"before|passive={passive}={token.i < trigger.i}",
        f"arg_pos={token.pos_}",
        f"arg_dep={token.dep_}",
    ]
    feats += ruled
    feats += [f"nearest={n}" for n in argument.nearest]
    feats += [f"nearest|{type_}={n}" for n in argument.nearest]
    return feats
