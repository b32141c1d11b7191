# bash completion for chiso — commands, their options, formats, and
# files: *.chiso for rules, *.json and directories for submissions.
# Installed as share/bash-completion/completions/chiso.

_chiso()
{
    local cur prev words cword
    if declare -F _init_completion > /dev/null; then
        _init_completion || return
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
        prev="${COMP_WORDS[COMP_CWORD-1]}"
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi
    local commands="check score explain test metrics verify appraise fmt init lsp serve help"

    if [ "$cword" -eq 1 ]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local cmd="${words[1]}"

    # Values of options.
    case "$prev" in
        -f|--format)
            local formats
            case "$cmd" in
                check) formats="text json github" ;;
                score) formats="json ndjson text csv html" ;;
                explain|metrics) formats="text json" ;;
                test) formats="tap junit" ;;
                verify) formats="text json junit github" ;;
                appraise) formats="text json html csv" ;;
            esac
            COMPREPLY=($(compgen -W "$formats" -- "$cur"))
            return ;;
        --keywords)
            COMPREPLY=($(compgen -W "vi en" -- "$cur"))
            return ;;
        --template)
            if [ "$cmd" = appraise ]; then
                COMPREPLY=($(compgen -W "period self round1 explanation round2 final" -- "$cur"))
                return
            fi ;;
        -o|--output|--stdin-name|--against)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
        -j|--jobs|--rank-decimals|--index|--node|--plan|--unit|--packet|--port|--address|--max-body)
            return ;;
        --rules)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
    esac

    if [[ "$cur" == -* ]]; then
        local opts="-h --help"
        case "$cmd" in
            check) opts+=" --strict -f --format -q --quiet --stdin-name -w --watch" ;;
            score) opts+=" -f --format --no-scorecards --pretty --decimal-comma -o --output -j --jobs --summary --fail-fast --rank-decimals --index --explain -q --quiet" ;;
            explain) opts+=" --node -f --format --index" ;;
            test) opts+=" -f --format --coverage --index -o --output" ;;
            metrics) opts+=" --template -f --format -o --output" ;;
            verify) opts+=" -f --format -o --output --against --plan --decimal-comma" ;;
            appraise) opts+=" -f --format -o --output --unit --packet --template --index" ;;
            fmt) opts+=" --check --diff -w --keywords" ;;
            init) opts+=" --keywords" ;;
            serve) opts+=" --rules --address --port --max-body --threads --timeout -q --quiet" ;;
        esac
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi

    if [ "$cmd" = help ]; then
        COMPREPLY=($(compgen -W "$commands" -- "$cur"))
        return
    fi

    # The first operand is a rules file (or a plan); later ones are
    # submissions, test files or folders.
    local i operands=0
    for ((i = 2; i < cword; i++)); do
        case "${words[i]}" in
            -f|--format|-o|--output|-j|--jobs|--rank-decimals|--index|--node|--plan|--unit|--packet|--template|--keywords|--stdin-name|--against|--rules|--port|--address|--max-body) ((i++)) ;;
            -*) ;;
            *) ((operands++)) ;;
        esac
    done
    compopt -o filenames 2> /dev/null
    case "$cmd" in
        check|fmt) COMPREPLY=($(compgen -f -X '!*.chiso' -- "$cur") $(compgen -d -- "$cur")) ;;
        score|explain|test|verify)
            if [ $operands -eq 0 ]; then
                COMPREPLY=($(compgen -f -X '!*.chiso' -- "$cur") $(compgen -d -- "$cur"))
            else
                COMPREPLY=($(compgen -f -X '!*.json' -- "$cur") $(compgen -d -- "$cur"))
            fi ;;
        metrics) COMPREPLY=($(compgen -f -X '!*.chiso' -- "$cur") $(compgen -d -- "$cur")) ;;
        appraise)
            if [ $operands -eq 0 ]; then
                COMPREPLY=($(compgen -f -X '!*.chiso' -- "$cur") $(compgen -d -- "$cur"))
            else
                COMPREPLY=($(compgen -d -- "$cur"))
            fi ;;
        init) COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
}
complete -F _chiso chiso
