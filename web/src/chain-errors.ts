// The chain's errors in the app's languages. In English a pallet error is told in the words
// of its own documentation, read from the chain's metadata (what the runtime says is what
// the user reads); in Chinese in the app's translation of it, below, which a unit test keeps
// complete for the pallets the app calls (web/test/chain-errors.test.ts). Either way the
// error's name follows in brackets, for support and for the docs.
//
// The node's refusals of a transaction before it reaches a block (JSON-RPC errors 1010–1014:
// fees, nonce, signature, a transaction already in the pool) get sentences of their own.
import { currentLanguage, t } from './i18n';

/** The Chinese sentence for each error of the pallets the app calls, by `section.Name`. */
export const zhChainErrors: Record<string, string> = {
  // loans
  'loans.UnknownLoan': '没有这个编号的借款。',
  'loans.NotVerified': '您的身份尚未通过核验。',
  'loans.CounterpartyNotVerified': '对方的身份尚未通过核验。',
  'loans.SelfDealing': '出借人和借款人不能是同一账户或同一身份。',
  'loans.NotTheCounterparty': '只有未发起提议的一方（现持有其身份的账户）可以接受或拒绝。',
  'loans.NotTheProposer': '只有发起提议的一方（现持有其身份的账户）可以撤回。',
  'loans.NotTheLender': '只有出借人（现持有出借人身份的账户）可以这样做。',
  'loans.NotTheBorrower': '只有借款人（现持有借款人身份的账户）可以这样做。',
  'loans.IdentityFrozen': '相关身份已被机构冻结，正在处理其归属争议。',
  'loans.ZeroPeriod': '借款期限至少为一天。',
  'loans.PeriodTooLong': '期限（或展期）超过了链上允许的最长天数。',
  'loans.DetailsTooShort': '加密的借款详情过短。',
  'loans.DetailsTooLong': '加密的借款详情过长。',
  'loans.Overflow': '区块号会溢出。',
  'loans.NotProposed': '这笔借款不是待处理的提议。',
  'loans.ProposalExpired': '提议已过期。',
  'loans.ProposalMismatch': '您看到的提议与链上存储的不一致：请刷新后重新阅读。',
  'loans.NotRunning': '这笔借款不在履行中（生效、待反馈或展期待确认）。',
  'loans.NotInEffect': '这笔借款尚未生效。',
  'loans.NoExtensionProposed': '没有待确认的展期。',
  'loans.ExtensionNotOffered': '确认的天数与出借人当前的展期提议不同：提议在您阅读后被更换了。',
  'loans.TooManyExtensions': '这笔借款的展期次数已达上限。',
  'loans.LoanIdsExhausted': '借款编号已用尽：无法再登记新的借款。',
  'loans.OutcomeNonceReused': '履约结果使用了与详情相同的随机数，这会泄露内容。',
  'loans.ConsentExpired': '同意书已过期。',
  'loans.ConsentDeadlineTooFar': '同意书的截止时间超出了链上允许的天数。',
  'loans.ConsentAlreadyUsed': '这份同意书已经使用过：一份同意书只能使用一次。',
  'loans.ConsentNotSignedByCounterparty':
    '同意书不是对方对这些条款的签名：签名账户、条款、链或截止时间不符。',
  'loans.ConsentSignedBySubmitter': '同意书是提交者自己的签名：必须由对方签署。',
  'loans.DisclosureNotMoreOpen': '公开程度只能越来越开放：加密、付费、公开。',
  'loans.PriceFixed': '付费查看的价格已确定：只能进一步公开，不能改价。',
  'loans.ZeroPrice': '付费查看的价格必须大于零。',
  'loans.PriceBelowMinimum':
    '付费查看的价格不能低于账户最低余额（存在性押金）：否则无法付入新账户。',
  'loans.KeyDoesNotOpenDetails': '公开的密钥不是这笔借款的内容密钥。',
  'loans.KeyDoesNotOpenOutcome': '公开的密钥无法打开这笔借款的履约结果。',
  'loans.ViewerNotVerified': '查阅者的身份尚未通过核验（因此没有可用于加密的公钥）。',
  'loans.PartyHasAccess': '借贷双方本来就可以阅读自己的借款详情。',
  'loans.AlreadyPublic': '详情已经公开：任何人都可以阅读。',
  'loans.PriceAboveLimit': '这笔借款的价格高于您同意支付的最高价格（价格在您查看后被提高了）。',
  'loans.AlreadyGranted': '该查阅者已获得查阅权限。',
  'loans.RequestPending': '您对这笔借款已有一个待处理的查阅申请。',
  'loans.TooManyOpenRequests': '这笔借款待处理的查阅申请已达上限：出借人需先处理一些。',
  'loans.NoOpenRequest': '该查阅者对这笔借款没有待处理的申请。',
  'loans.DeadlineNotReached': '出借人仍在答复期限内。',
  'loans.BorrowerNotVerified': '没有账户持有该借款人身份，或该身份尚未通过核验。',
  'loans.SelfInquiry': '查询自己的记录无需同意。',
  'loans.ConsentNotSignedByBorrower':
    '同意书不是现持有借款人身份的账户对这些条款（本次查询的查询方和目的，或私密出借的借款条款）、本链和截止时间的签名。',
  'loans.UnknownTokenKey': '出借凭证的签发人没有该凭证周期的凭证密钥。',
  'loans.TokenNotCurrent': '出借凭证的周期既不是当前周期，也不是上一个周期。',
  'loans.TokenKeyExhausted': '该凭证密钥下已使用的凭证数已达到登记机构签发的数量。',
  'loans.BadLenderToken': '出借凭证不是其签发人对该单笔借款密钥、本链和该周期的签名。',
  'loans.LenderKeyUsed': '该单笔借款密钥已用于一笔借款：一个密钥（及其凭证）只用于一笔。',
  'loans.BadLenderSignature': '签名不是单笔借款密钥对这些条款或这一操作的签名。',
  'loans.NotPrivateLender': '这笔借款的出借人是公开的：应以其身份账户操作，而不是密钥。',
  'loans.WrongActIndex': '操作序号不是这笔借款的下一个：已被使用，或有更早的操作未完成。',
  'loans.TooManyLenderActs': '出借人对这笔借款的操作次数已达上限。',
  'loans.EmptyBatch': '这批记录中没有借款。',
  'loans.ExtensionNonceReused':
    '延期提议所用的随机数（nonce）这笔借款已用过：同一密钥下重复使用，任何人都能推出明文。',
  // creditIdentity
  'creditIdentity.AlreadyRegistered': '该账户已有待核验或已核验的身份。',
  'creditIdentity.IdHashTaken': '另一个账户已申领了这个身份。',
  'creditIdentity.NotRegistered': '该账户没有身份。',
  'creditIdentity.NotPending': '该身份不在待核验状态，无法核验、驳回或撤回。',
  'creditIdentity.NotVerified': '该身份尚未通过核验。',
  'creditIdentity.IdHashMismatch': '登记机构核对的身份哈希与账户申领的不一致。',
  'creditIdentity.UnknownIdHash': '没有账户持有这个身份。',
  'creditIdentity.NotARegistrar': '您不是登记机构。',
  'creditIdentity.RegistrarIsParty': '登记机构不能核验、驳回或迁移自己的身份。',
  'creditIdentity.AlreadyRegistrar': '该账户已经是登记机构。',
  'creditIdentity.TooManyRegistrars': '登记机构数量已达上限。',
  'creditIdentity.RebindToSameAccount': '身份会迁移到已持有它的同一账户。',
  'creditIdentity.TargetHasIdentity': '目标账户已有待核验或已核验的身份。',
  'creditIdentity.InvalidEncryptionKey': '这个密钥不是可用的 X25519 公钥。',
  'creditIdentity.KindMismatch': '登记机构核对的类型与账户申领的不一致。',
  'creditIdentity.RebindPending': '该身份的迁移已经开始。',
  'creditIdentity.NoRebindPending': '该身份没有进行中的迁移。',
  'creditIdentity.NotTheNewAccount': '只有迁移的目标账户可以完成迁移。',
  'creditIdentity.RebindDelayNotOver': '迁移开始后须等待规定的天数。',
  'creditIdentity.NotTheHolderOrARegistrar': '只有现持有身份的账户或登记机构可以取消迁移。',
  'creditIdentity.IdentityFrozen': '机构已冻结该身份：解冻之前不能进行任何操作。',
  'creditIdentity.AlreadyFrozen': '该身份已被冻结。',
  'creditIdentity.NotFrozen': '该身份未被冻结。',
  'creditIdentity.RebindForced': '这次迁移由机构发起：只有机构可以取消。',
  'creditIdentity.MalformedPublicShare':
    '登记机构的公开密钥份额无效（序号为 0，或不是 ristretto255 群元素），无法据此验证其计算。',
  'creditIdentity.ShareIndexTaken': '另一家登记机构的公开密钥份额已使用这个序号。',
  'creditIdentity.MalformedTokenKey':
    '出借凭证密钥不是 2048 位的 RSA 模数：最高字节为零，或者是偶数。',
  'creditIdentity.TokenEpochOutOfRange':
    '出借凭证密钥只能为当前或下一个凭证周期设置；凭证只能在其密钥的周期结束前申请和签发。',
  'creditIdentity.TokenKeyAlreadySet': '这家登记机构在该周期的凭证密钥已经设置，密钥不能替换。',
  'creditIdentity.UnsupportedBundleSize': '出借凭证按 10、100 或 1000 个一组申请。',
  'creditIdentity.NoTokenKey': '这家登记机构在该周期没有凭证密钥。',
  'creditIdentity.MalformedBlindedToken': '有一个盲化凭证不小于密钥的模数。',
  'creditIdentity.UnknownTokenRequest': '没有这个编号的出借凭证申请。',
  'creditIdentity.NotTheRequestedRegistrar': '只有申请所指定的登记机构才能答复它。',
  'creditIdentity.RequesterNoLongerEligible':
    '申请人已不再持有经过验证且未被冻结的身份：这份申请只能撤回。',
  'creditIdentity.WrongNumberOfBlindSignatures': '答复中每个盲化凭证都需要一个盲签名。',
  'creditIdentity.InvalidBlindSignature':
    '有一个盲签名不是该登记机构用其密钥对相应盲化凭证的签名。',
  'creditIdentity.NotTheRequester': '只有提出申请的账户才能撤回它。',
  'creditIdentity.TokenRequestStillOpen':
    '登记机构仍可答复这份申请：要等密钥的周期结束、密钥或登记机构不复存在，或申请人的身份已转移或被冻结，才能撤回。',
  // balances
  'balances.InsufficientBalance': '余额不足。',
  'balances.ExistentialDeposit': '金额低于账户的最低余额。',
  'balances.Expendability': '转账后账户余额将低于最低余额，账户会被清除。',
  'balances.LiquidityRestrictions': '部分余额被锁定，无法使用。',
  'balances.DeadAccount': '收款账户不存在。',
};

/** A pallet error in the current language, with its name. */
export function dispatchErrorWords(section: string, name: string, docs: string): string {
  const id = `${section}.${name}`;
  const words = currentLanguage() === 'zh-CN' ? (zhChainErrors[id] ?? docs) : docs;
  return words ? `${words} (${id})` : id;
}

/** The node's refusal of a transaction (a JSON-RPC error of the author API) in words. */
export function poolRejectionWords(message: string): string {
  const known: [RegExp, Parameters<typeof t>[0]][] = [
    [/Inability to pay some fees/i, 'poolNoFees'],
    [/outdated|stale/i, 'poolStale'],
    [/bad signature/i, 'poolBadSignature'],
    [/^1012|temporarily banned/i, 'poolBanned'],
    [/^1013|already imported/i, 'poolDuplicate'],
    [/^1014|priority is too low/i, 'poolPriority'],
  ];
  const match = known.find(([pattern]) => pattern.test(message));
  return match ? t(match[1]) : t('txNotAccepted', { message });
}
