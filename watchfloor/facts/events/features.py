"""Features of candidate triggers and their arguments: plain strings for a linear model.

A trigger's features are its lemma, part of speech, dependency, children and
lexicon evidence, each also joined with the PLOVER type read into it; an
argument's are its dependency path from the trigger (whole, and backed off to
its first and last steps), its actor type, its side of the trigger, whether it
is the nearest actor, and what the hand-written rules made of it.
"""

from __future__ import annotations

from watchfloor.facts.events.candidates import Argument, TriggerCandidate


def trigger_features(candidate: TriggerCandidate, type_: str) -> list[str]:
    """The features of reading ``candidate`` as an event of ``type_``."""
    feats = [f"T={type_}", f"ntypes={min(len(candidate.types), 3)}"]
    feats += candidate.base
    feats += [f"{f}|{type_}" for f in candidate.base]
    for evidence in candidate.typed[type_]:
        feats += [f"lex={evidence}", f"lex={evidence}|{type_}"]
    feats.append("lex=" + "+".join(candidate.typed[type_]) + f"|{type_}")
    return feats


def role_features(
    role: str, candidate: TriggerCandidate, type_: str, argument: Argument
) -> list[str]:
    """The features of ``argument`` as the ``role`` ("S" or "O") of the typed candidate."""
    return [f"{role}:{f}" for f in argument_features(candidate, type_, argument)]


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
