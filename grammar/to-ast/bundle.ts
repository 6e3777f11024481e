/**
 * bundle (crmsh.md §1.6.8): container, network with port-mappings, storage with
 * storage-mappings, meta, and the primitive it runs.
 */
import type { AttributeSet, BundleContainerKind, BundleStatement, NameValue, StatementBase } from "../ast.js";
import type { BundleCstNode, BundleSectionCstNode } from "../cst.js";
import { implicitSet } from "./attributes.js";
import { checkId, inOrder, nameValue, reference, spanOf, valueOf, type AstContext } from "./context.js";
import { attributeSectionSet, splitDescription } from "./resource-tail.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function applySection(
  context: AstContext,
  bundle: Mutable<BundleStatement>,
  section: BundleSectionCstNode,
): void {
  const keywordToken = section.children.keyword?.[0];
  const keyword = valueOf(keywordToken).toLowerCase();
  const span = spanOf(keywordToken, context.statementSpan);
  const options: NameValue[] = (section.children.Assignment ?? []).map(nameValue);
  switch (keyword) {
    case "network":
      bundle.network = { options, portMappings: bundle.network?.portMappings ?? [], span };
      return;
    case "port-mapping": {
      const network = bundle.network ?? { options: [], portMappings: [], span };
      bundle.network = { ...network, portMappings: [...network.portMappings, options] };
      return;
    }
    case "storage":
      if (options.length > 0) context.error("syntax", "storage takes storage-mapping parts", span);
      bundle.storage = { storageMappings: bundle.storage?.storageMappings ?? [], span };
      return;
    case "storage-mapping": {
      const storage = bundle.storage ?? { storageMappings: [], span };
      bundle.storage = { ...storage, storageMappings: [...storage.storageMappings, options] };
      return;
    }
    default:
      if (bundle.container !== undefined) {
        context.error("syntax", "A bundle has one container (docker, rkt or podman)", span);
      }
      bundle.container = { kind: keyword as BundleContainerKind, options, span };
  }
}

export function toBundle(
  context: AstContext,
  node: BundleCstNode,
  base: StatementBase,
): BundleStatement {
  const children = node.children;
  const id = valueOf(children.id[0]);
  checkId(context, id, spanOf(children.id[0], base.span));
  const pairs = children.implicitPairs?.[0]?.children;
  const { description, rest } = splitDescription(inOrder(pairs?.Assignment,
    pairs?.NvpairIdAssign));
  const sets: AttributeSet[] = [];
  if (rest.length > 0) sets.push(implicitSet(context, "meta", rest));
  const bundle: Mutable<BundleStatement> = { kind: "bundle", ...base, id, sets };
  if (description !== undefined) bundle.description = description;
  for (const section of children.bundleSection ?? []) applySection(context, bundle, section);
  for (const section of children.attributeSection ?? []) {
    const set = attributeSectionSet(context, section);
    if (set.keyword !== "meta") {
      context.error("syntax", `bundle does not take "${set.keyword}"`, set.span);
    }
    sets.push(set);
  }
  const primitive = children.bundlePrimitive?.[0]?.children.resource[0];
  if (primitive !== undefined) bundle.primitive = reference(primitive);
  if (bundle.container === undefined) {
    context.error("missing_part", "Expected a container (docker, rkt or podman)", base.span);
  }
  return bundle;
}
