# bash completion for crm (quorate). Install: see README.md, "Bash completion".
#
# Asks crm itself: `crm --complete CWORD -- WORD...` prints one candidate per line, each a
# whole word (ocf:heartbeat:IPaddr2, target-role=Started). Words are split on blanks here, not
# on bash's word breaks, so `ocf:heartbeat:` and `name=value` reach crm as one word; the
# candidates are then trimmed to the part after the last `:` or `=` that bash treats as a
# word break, which is the part bash replaces.

_quorate_crm() {
    local line=${COMP_LINE:0:COMP_POINT}
    local -a words
    read -r -a words <<< "$line"
    if [[ -z $line || $line =~ [[:space:]]$ ]]; then
        words+=("")
    fi
    local cword=$(( ${#words[@]} - 1 ))
    local current=${words[cword]}

    local candidates
    candidates=$("${words[0]:-crm}" --complete "$cword" -- "${words[@]}" 2>/dev/null) || return 0

    local trim=""
    local breaks=${COMP_WORDBREAKS}
    local stripped=$current
    local character
    while [[ -n $stripped ]]; do
        character=${stripped: -1}
        if [[ ( $character == ":" || $character == "=" ) && $breaks == *"$character"* ]]; then
            trim=$stripped
            break
        fi
        stripped=${stripped:0:${#stripped}-1}
    done

    COMPREPLY=()
    local candidate
    while IFS= read -r candidate; do
        [[ -n $candidate ]] || continue
        COMPREPLY+=("${candidate#"$trim"}")
    done <<< "$candidates"

    if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} =~ [:=]$ ]]; then
        compopt -o nospace 2>/dev/null
    fi
    return 0
}

complete -F _quorate_crm crm
