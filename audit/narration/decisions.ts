import type { Language } from '../../domain/channels';
import type { Phrasebook } from './words';
import { deciderRole, decisionWords, kindText, scoreSuffix, tongueOf } from './words';

// A person's decision as an auditor reads it: "秘书处 张三 通过公章审核", "委员 李四 投票：通过，评分 91".
// The words for the task, the decision and the role come from the vocabulary; only the sentence is here.

export interface DecisionFacts {
  /** The task's kind, when the history knows it. */
  kind?: string;
  /** Who decided, by the name people know them by. */
  name: string;
  decision: string;
  score?: number | string;
  /** The working group's check that the media awards claimed are real. */
  awardsVerified?: boolean;
}

/** How a decision is said, given who made it, the task's words and the decision's words. */
type Saying = (who: string, kind: string, decision: string) => string;

interface DecisionPhrases {
  who(role: string | undefined, name: string): string;
  byDecision: Partial<Record<string, Saying>>;
  /** Side tasks rule on something: an objection, a fraud report. */
  subject: Partial<Record<string, string>>;
  ruled(who: string, subject: string, decision: string, upheld: boolean): string;
  vote(who: string, decision: string): string;
  other: Saying;
  awards(verified: boolean): string;
}

/** In English a task's name sits mid-sentence: "the seal check". */
const midSentence = (words: string) => words.charAt(0).toLowerCase() + words.slice(1);

const PHRASES: Phrasebook<DecisionPhrases> = {
  zh: {
    who: (role, name) => (role ? `${role} ${name}` : name),
    byDecision: {
      approve: (who, kind) => `${who} 通过${kind}`,
      pass: (who, kind) => `${who} 通过${kind}`,
      reject: (who, kind) => `${who} 在${kind}中决定不予通过`,
      'request-resubmission': (who, kind) => `${who} 在${kind}中要求重新提交盖章报名表`,
      shortlist: (who, kind) => `${who} 在${kind}中同意入围`,
      resolved: (who, kind) => `${who} 已处理${kind}`,
      ineligible: (who, kind, decision) => `${who} 经${kind}认定：${decision}`,
      eligible: (who, kind, decision) => `${who} 经${kind}认定：${decision}`,
    },
    subject: { 'objection-review': '异议', 'fraud-investigation': '举报' },
    ruled: (who, subject, decision) => `${who} 裁定${subject}${decision}`,
    vote: (who, decision) => `${who} 投票：${decision}`,
    other: (who, kind, decision) => `${who} 在${kind}中决定：${decision}`,
    awards: (verified) => (verified ? '，已核实所报媒体奖项属实' : '，所报媒体奖项未能核实'),
  },
  en: {
    who: (role, name) => (role ? `${role} ${name}` : name),
    byDecision: {
      approve: (who, kind) => `${who} approved the case at the ${midSentence(kind)}`,
      pass: (who, kind) => `${who} passed the case at the ${midSentence(kind)}`,
      reject: (who, kind) => `${who} rejected the case at the ${midSentence(kind)}`,
      'request-resubmission': (who, kind) => `${who} asked for the sealed form again at the ${midSentence(kind)}`,
      shortlist: (who, kind) => `${who} shortlisted the case at the ${midSentence(kind)}`,
      resolved: (who, kind) => `${who} resolved the ${midSentence(kind)}`,
      ineligible: (who, kind, decision) => `${who} ruled at the ${midSentence(kind)}: ${decision}`,
      eligible: (who, kind, decision) => `${who} ruled at the ${midSentence(kind)}: ${decision}`,
    },
    subject: { 'objection-review': 'the objection', 'fraud-investigation': 'the fraud report' },
    ruled: (who, subject, _decision, upheld) => `${who} ${upheld ? 'upheld' : 'dismissed'} ${subject}`,
    vote: (who, decision) => `${who} voted: ${decision}`,
    other: (who, kind, decision) => `${who} decided at the ${midSentence(kind)}: ${decision}`,
    awards: (verified) => (verified ? '; the media awards claimed were verified as real' : '; the media awards claimed could not be verified'),
  },
};

/** A decision in plain words: who, in their role, decided what on which kind of task. */
export function decisionSentence(d: DecisionFacts, language: Language): string {
  const say = PHRASES[tongueOf(language)];
  const who = say.who(deciderRole(d.kind, language), d.name);
  const kind = kindText(d.kind, language);
  const decision = decisionWords(d.decision, language);
  const subject = d.kind && Object.hasOwn(say.subject, d.kind) ? say.subject[d.kind] : undefined;
  const saying = Object.hasOwn(say.byDecision, d.decision) ? say.byDecision[d.decision] : undefined;
  const sentence =
    d.kind === 'committee-review'
      ? say.vote(who, decision)
      : subject && (d.decision === 'uphold' || d.decision === 'dismiss')
        ? say.ruled(who, subject, decision, d.decision === 'uphold')
        : (saying ?? say.other)(who, kind, decision);
  return `${sentence}${scoreSuffix(d.score, language)}${d.awardsVerified === undefined ? '' : say.awards(d.awardsVerified)}`;
}
